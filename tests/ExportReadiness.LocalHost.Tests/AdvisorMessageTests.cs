using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Reviews;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// What an advisor writes to the SME reaches it; what the advisor notes for advisors never does: in the SME's API answer
/// and on its result page, while the advisor's own reads show both.
/// </summary>
[Collection(PipelineCollection.Name)]
public class AdvisorMessageTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private async Task<SubmissionAccepted> ScoredAsync(string programme)
    {
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
        await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        return accepted;
    }

    private async Task<HttpResponseMessage> PutReviewAsync(string id, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{id}/review")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _advisor.SendAsync(request);
    }

    /// <summary>The SME's answer as it travels, so a test can say a text is nowhere in it.</summary>
    private async Task<(JsonElement Json, string Raw)> SmeAnswerAsync(SubmissionAccepted accepted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{accepted.Id}");
        request.Headers.Add(AssessmentHandlers.TokenHeader, accepted.AccessToken);
        var response = await _sme.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        return (JsonDocument.Parse(raw).RootElement, raw);
    }

    /// <summary>The result page as the SME's browser gets it: the link trades its token for the page's cookie, then the page.</summary>
    private async Task<string> ResultPageAsync(SubmissionAccepted accepted, string lang = "sv")
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _sme.BaseAddress };
        var link = await browser.GetAsync($"/result/{accepted.Id}?token={Uri.EscapeDataString(accepted.AccessToken)}&lang={lang}");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, link.Headers.Location);
        page.Headers.Add("Cookie", link.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SmePages.ResultTokenCookie(accepted.Id) + "=", StringComparison.Ordinal)).Split(';')[0]);
        var answer = await browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_message_to_the_sme_is_in_its_api_answer_and_on_its_result_page_and_the_internal_note_is_in_neither()
    {
        var accepted = await ScoredAsync(Unique.Programme("messages"));
        const string note = "Internt: ledningen verkar tveksam, följ upp före nästa kohort.";
        const string message = "Bra start! Ta fram en exportplan för Norge <före> mars & hör av er.";

        var saved = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", note, messageToSme = message });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var (json, raw) = await SmeAnswerAsync(accepted);
        var only = Assert.Single(json.GetProperty("advisorMessages").EnumerateArray());
        Assert.Equal(message, only.GetProperty("text").GetString());
        Assert.Equal(ExportReadinessApplication.AdvisorName, only.GetProperty("advisor").GetString());
        Assert.True(only.TryGetProperty("writtenAt", out _));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("review").ValueKind); // verdict and note are the advisors'
        Assert.DoesNotContain("ledningen verkar tveksam", raw);

        var page = await ResultPageAsync(accepted);
        Assert.Contains("Från er rådgivare", page);
        Assert.Contains(message, WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("<före>", page); // the advisor's text is encoded, never markup
        Assert.Contains(ExportReadinessApplication.AdvisorName, page);
        Assert.DoesNotContain("ledningen verkar tveksam", WebUtility.HtmlDecode(page));
        Assert.Contains("From your advisor", await ResultPageAsync(accepted, "en"));

        // The advisor reads both, apart.
        var review = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments/{accepted.Id}/review")).RootElement.GetProperty("current");
        Assert.Equal(note, review.GetProperty("note").GetString());
        Assert.Equal(message, review.GetProperty("messageToSme").GetString());
        var advisorView = await _advisor.GetAssessmentAsync(accepted.Id, null);
        Assert.Equal(note, advisorView!.Review!.Note);
        Assert.Equal(message, Assert.Single(advisorView.AdvisorMessages).Text);
    }

    [Fact]
    public async Task An_old_style_review_body_with_only_a_note_still_works_and_stays_internal()
    {
        var accepted = await ScoredAsync(Unique.Programme("messages"));
        const string note = "Stark produkt, men inget exportpris satt.";

        // The body clients sent before messages to the SME existed, with the advisor field they used to send.
        var saved = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", note, advisor = "Someone Else" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var (json, raw) = await SmeAnswerAsync(accepted);
        Assert.Empty(json.GetProperty("advisorMessages").EnumerateArray());
        Assert.DoesNotContain("inget exportpris", raw);
        var page = await ResultPageAsync(accepted);
        Assert.DoesNotContain("inget exportpris", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("advisor-messages", page);
        var review = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments/{accepted.Id}/review")).RootElement.GetProperty("current");
        Assert.Equal(note, review.GetProperty("note").GetString());
        Assert.Equal("", review.GetProperty("messageToSme").GetString());
        Assert.Equal(ExportReadinessApplication.AdvisorName, review.GetProperty("advisor").GetString());
    }

    [Fact]
    public async Task A_later_review_without_a_message_withdraws_it_from_the_sme()
    {
        var accepted = await ScoredAsync(Unique.Programme("messages"));
        var first = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", messageToSme = "Ring mig om certifieringen." });
        Assert.Single((await SmeAnswerAsync(accepted)).Json.GetProperty("advisorMessages").EnumerateArray());

        var second = await PutReviewAsync(accepted.Id, new { verdict = "ExportReady", note = "Certifierad nu." }, first.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty((await SmeAnswerAsync(accepted)).Json.GetProperty("advisorMessages").EnumerateArray());
        Assert.DoesNotContain("certifieringen", WebUtility.HtmlDecode(await ResultPageAsync(accepted)));
    }

    [Fact]
    public async Task A_message_that_is_not_text_or_too_long_is_a_problem_naming_it()
    {
        var accepted = await ScoredAsync(Unique.Programme("messages"));

        var notText = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", messageToSme = 42 });
        var tooLong = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", messageToSme = new string('x', ReviewHandlers.MaxMessageLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, notText.StatusCode);
        Assert.True((await notText.ProblemAsync()).GetProperty("errors").TryGetProperty("messageToSme", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.ProblemAsync()).GetProperty("errors").TryGetProperty("messageToSme", out _));
    }
}
