using System.Text;
using System.Text.Json;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The SME's pages answered by the Function App's functions: the same components, texts and cookies as the local host's.</summary>
[Collection(FunctionAppCollection.Name)]
public class SmePageFunctionTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task The_form_function_serves_the_questionnaire_with_every_number_input_labelled_in_the_chosen_language()
    {
        var browser = new FunctionAppBrowser(fixture);

        var swedish = await browser.SendAsync("GET", "/");
        var english = await browser.SendAsync("GET", "/?lang=en");

        Assert.Equal(StatusCodes.Status200OK, swedish.Response.StatusCode);
        Assert.StartsWith("text/html", swedish.Response.ContentType);
        var sv = FunctionAppBrowser.Body(swedish);
        Assert.Contains("<html lang=\"sv\">", sv);
        // Decoded: the Function App's renderer escapes å, ä and ö as character references (the local host writes them as they are).
        Assert.Contains("<h1>Är er produkt redo för export?</h1>", System.Net.WebUtility.HtmlDecode(sv));
        Assert.Contains("<label class=\"question-text\" for=\"q-mgmt_time_percent\">", sv);
        var en = FunctionAppBrowser.Body(english);
        Assert.Contains("<html lang=\"en\">", en);
        Assert.Contains("data-text-answered=\"answered\"", en);
        Assert.Contains("<button type=\"button\" id=\"draft-clear\">Clear my draft</button>", en);
        Assert.Equal("en", browser.Cookies["lang"]); // the choice is kept for the pages that follow
    }

    [Fact]
    public async Task The_result_and_reassess_functions_trade_the_token_for_a_cookie_and_show_the_result_and_the_filled_in_form()
    {
        var sme = new FunctionAppBrowser(fixture);
        var submitted = await sme.SendAsync("POST", "/api/assessments", new StringContent(AssessmentBuilder.Mixed().InProgramme("fa-sme-pages").Named("Funktion AB").ToJsonString(), Encoding.UTF8, "application/json"));
        var accepted = JsonDocument.Parse(FunctionAppBrowser.Body(submitted)).RootElement;
        var id = accepted.GetProperty("id").GetString()!;
        await fixture.App.Function<Functions.ScoreAssessmentFunction>().ScoreAssessment(
            Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("m", "p", BinaryData.FromString(JsonSerializer.Serialize(new { assessmentId = id })), 1), default);
        var token = accepted.GetProperty("accessToken").GetString()!;

        var link = await sme.OpenResultAsync(id, token, "en");
        var result = await sme.SendAsync("GET", $"/result/{id}?lang=en");
        var reassess = await sme.SendAsync("GET", $"/result/{id}/reassess?lang=en");
        var stranger = await new FunctionAppBrowser(fixture).SendAsync("GET", $"/result/{id}/reassess?lang=en");

        Assert.Equal(StatusCodes.Status302Found, link.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, result.Response.StatusCode);
        var page = FunctionAppBrowser.Body(result);
        Assert.Contains("id=\"readiness-score\"", page);
        Assert.Matches("id=\"readiness-level\">(Not ready yet|Emerging|Nearly ready|Ready to export)<", page);
        Assert.NotEmpty(FunctionAppBrowser.AntiforgeryToken(page)); // the plan's forms carry the page's token
        Assert.Equal(StatusCodes.Status200OK, reassess.Response.StatusCode);
        Assert.Contains("value=\"Funktion AB\"", FunctionAppBrowser.Body(reassess));
        Assert.Equal(StatusCodes.Status404NotFound, stranger.Response.StatusCode);
        Assert.Contains("<h1>Assessment not found</h1>", FunctionAppBrowser.Body(stranger));
    }
}
