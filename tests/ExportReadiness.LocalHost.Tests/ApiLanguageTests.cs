using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// The API's problems speak the language a client asks for, by the pages' rule (<see cref="RequestLanguage"/>:
/// <c>?lang=</c>, the <c>lang</c> cookie, <c>Accept-Language</c>), and English otherwise, under the same field names in
/// every language. How the rule ranks a header is unit-tested in the application's tests (RequestLanguageTests).
/// </summary>
[Collection(PipelineCollection.Name)]
public class ApiLanguageTests(PipelineFixture pipeline)
{
    private static readonly Question Required = QuestionnaireSchema.V1.Questions.First(q => q.Required && q.AppliesTo is null);
    private readonly HttpClient _client = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? body, string? acceptLanguage,
        string contentType = "application/json", string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (cookie is not null) request.Headers.Add("Cookie", $"{RequestLanguage.Cookie}={cookie}");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        return await client.SendAsync(request);
    }

    /// <summary>Title and errors of a 400 problem, each field's messages joined.</summary>
    private static async Task<(string Title, Dictionary<string, string> Errors)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        return (problem.GetProperty("title").GetString()!,
            problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()))));
    }

    private Task<HttpResponseMessage> SubmitIncompleteAsync(string? acceptLanguage, string query = "", string? cookie = null) =>
        SendAsync(_client, HttpMethod.Post, "/api/assessments" + query,
            AssessmentBuilder.Strong().Without(Required.Id).WithEmployees("many").ToJsonString(), acceptLanguage, cookie: cookie);

    [Fact]
    public async Task A_submission_missing_an_answer_asked_for_in_swedish_gets_swedish_messages_under_the_same_fields_as_english()
    {
        var (svTitle, sv) = await ProblemAsync(await SubmitIncompleteAsync("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"));
        var (enTitle, en) = await ProblemAsync(await SubmitIncompleteAsync("en"));

        Assert.Equal(en.Keys.Order(), sv.Keys.Order());
        Assert.Equal(["answers." + Required.Id, "company.employees"], sv.Keys.Order());
        Assert.Equal("Ett svar krävs.", sv["answers." + Required.Id]);
        Assert.Equal("Förväntade ett tal.", sv["company.employees"]);
        Assert.Equal("Frågeformuläret har ogiltiga eller saknade svar.", svTitle);
        Assert.Equal("An answer is required.", en["answers." + Required.Id]);
        Assert.Equal("Expected a number.", en["company.employees"]);
        Assert.Equal("The questionnaire has invalid or missing answers.", enTitle);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en-GB")]
    [InlineData("de-DE, fr;q=0.8, *;q=0.5")]
    [InlineData("en-US,en;q=0.9,sv;q=0.8")]
    public async Task A_client_that_does_not_prefer_swedish_gets_english_as_before(string? acceptLanguage)
    {
        var (title, errors) = await ProblemAsync(await SubmitIncompleteAsync(acceptLanguage));

        Assert.Equal("The questionnaire has invalid or missing answers.", title);
        Assert.Equal("An answer is required.", errors["answers." + Required.Id]);
    }

    [Fact]
    public async Task Malformed_json_a_bad_review_a_bad_list_filter_and_a_bad_batch_programme_answer_in_swedish_when_asked()
    {
        var json = await ProblemAsync(await SendAsync(_client, HttpMethod.Post, "/api/assessments", "{\"schemaVersion\":", "sv"));
        Assert.Equal("Begäran har ogiltiga fält.", json.Title);
        Assert.StartsWith("Innehållet är inte giltig JSON (rad 1", json.Errors["$"]);

        var accepted = await _client.SubmitAsync(AssessmentBuilder.Weak().InProgramme(Unique.Programme("languages")));
        var review = await ProblemAsync(await SendAsync(_advisor, HttpMethod.Put, $"/api/assessments/{accepted.Id}/review",
            JsonSerializer.Serialize(new { verdict = "Kanske", note = 7 }), "sv"));
        Assert.Equal("Granskningen har ogiltiga fält.", review.Title);
        Assert.Equal("Använd ExportReady eller NotYet.", review.Errors["verdict"]);
        Assert.Equal("Förväntade en text (string).", review.Errors["note"]);

        var list = await ProblemAsync(await SendAsync(_advisor, HttpMethod.Get, "/api/assessments?level=Brilliant&pageSize=500", null, "sv"));
        Assert.Equal("Listans filter är ogiltiga.", list.Title);
        Assert.StartsWith("Använd ett av: NotReady", list.Errors["level"]);
        Assert.Equal("Ett heltal från 1 till 100.", list.Errors["pageSize"]);

        var batch = await ProblemAsync(await SendAsync(_advisor, HttpMethod.Post, "/api/batches?programme=%23bad", "", "sv", "text/csv"));
        Assert.StartsWith("Använd bokstäver, siffror", batch.Errors["programme"]);

        var tooLarge = await SendAsync(_client, HttpMethod.Post, "/api/assessments", $"\"{new string('x', 70 * 1024)}\"", "sv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var problem = await tooLarge.ProblemAsync();
        Assert.Equal("Innehållet är för stort.", problem.GetProperty("title").GetString());
        Assert.Equal("Högst 64 KiB tas emot.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refusals_outside_validation_401_404_and_antiforgery_speak_swedish_when_asked()
    {
        async Task<string> TitleAsync(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            return (await response.ProblemAsync()).GetProperty("title").GetString()!;
        }

        Assert.Equal("En rådgivarnyckel krävs.", await TitleAsync(await SendAsync(_client, HttpMethod.Get, "/api/assessments", null, "sv"), HttpStatusCode.Unauthorized));
        Assert.Equal("An advisor key is required.", await TitleAsync(await SendAsync(_client, HttpMethod.Get, "/api/assessments", null, null), HttpStatusCode.Unauthorized));
        Assert.Equal("Hittades inte.", await TitleAsync(await SendAsync(_advisor, HttpMethod.Get, $"/api/admin/rescore/runs/{Guid.NewGuid():N}", null, "sv"), HttpStatusCode.NotFound));
        Assert.Equal("Hittades inte.", await TitleAsync(await SendAsync(_advisor, HttpMethod.Get, $"/api/batches/{Guid.NewGuid():N}", null, "sv"), HttpStatusCode.NotFound));
        var format = await SendAsync(_advisor, HttpMethod.Post, "/api/validation?format=xls", "a,b", "sv", "text/csv");
        var (_, errors) = await ProblemAsync(format);
        Assert.StartsWith("Använd ett av:", errors["format"]);
    }

    [Fact]
    public async Task The_api_follows_the_same_rule_as_the_pages_lang_in_the_query_then_the_lang_cookie_then_the_header()
    {
        var (query, _) = await ProblemAsync(await SubmitIncompleteAsync("en", "?lang=sv"));
        Assert.Equal("Frågeformuläret har ogiltiga eller saknade svar.", query);

        var (cookie, _) = await ProblemAsync(await SubmitIncompleteAsync("en", cookie: "sv"));
        Assert.Equal("Frågeformuläret har ogiltiga eller saknade svar.", cookie);

        var (queryOverCookie, _) = await ProblemAsync(await SubmitIncompleteAsync("sv", "?lang=en", cookie: "sv"));
        Assert.Equal("The questionnaire has invalid or missing answers.", queryOverCookie);
    }
}
