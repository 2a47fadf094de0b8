using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Pages;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>An SME's access token never travels in an address: the link's fragment is posted for the page's cookie, and the logs never hold it.</summary>
[Collection(PipelineCollection.Name)]
public class SmeTokenTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task The_result_pages_open_form_trades_a_posted_token_for_a_host_prefixed_cookie_of_that_page()
    {
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("tokens")));
        using var browser = pipeline.App.CreateSessionClient();

        // Before the cookie: the page is the open form (no result), which the link's fragment script posts to.
        var before = await browser.GetAsync($"/result/{accepted.Id}?lang=en");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        var form = await before.Content.ReadAsStringAsync();
        Assert.Contains($"action=\"/result/{accepted.Id}/open?lang=en\"", form);
        Assert.Contains("src=\"/assets/open-result.js\"", form);

        var opened = await browser.OpenResultAsync(accepted.Id, accepted.AccessToken, "en");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/result/{accepted.Id}?lang=en", opened.Headers.Location!.OriginalString);
        // One cookie per result page, __Host- prefixed: Secure, Path=/, no Domain, so no sibling site can plant or read it.
        var cookie = browser.LastSetCookies.Single(c => c.StartsWith(SmePages.ResultTokenCookie(accepted.Id) + "=", StringComparison.Ordinal));
        Assert.Contains("; path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await browser.GetAsync(opened.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(accepted.AccessToken, await page.Content.ReadAsStringAsync()); // not in the language links either
    }

    [Fact]
    public async Task A_wrong_token_or_one_without_the_pages_antiforgery_token_opens_nothing()
    {
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("tokens")));

        using var wrong = pipeline.App.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NotFound, (await wrong.OpenResultAsync(accepted.Id, "not-the-token")).StatusCode);
        Assert.DoesNotContain(wrong.LastSetCookies, c => c.StartsWith(SmePages.ResultTokenCookie(accepted.Id) + "=", StringComparison.Ordinal));

        // Another site posting a token of its choosing (login CSRF) lacks the page's antiforgery token.
        using var forged = pipeline.App.CreateSessionClient();
        var posted = await forged.PostFormAsync($"/result/{accepted.Id}/open", new Dictionary<string, string> { [SmePages.TokenField] = accepted.AccessToken });
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Empty(forged.LastSetCookies);
    }

    [Fact]
    public async Task A_token_in_the_address_is_refused_by_the_page_and_the_api_naming_token()
    {
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("tokens")));
        using var browser = pipeline.App.CreateSessionClient();

        var oldLink = await browser.GetAsync($"/result/{accepted.Id}?token={accepted.AccessToken}&lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, oldLink.StatusCode);
        var refusal = await oldLink.Content.ReadAsStringAsync();
        Assert.Contains("Links with ?token= in the address are no longer accepted", refusal);
        Assert.DoesNotContain(accepted.AccessToken, refusal); // not echoed into the page's language links either
        Assert.DoesNotContain(browser.LastSetCookies, c => c.StartsWith(SmePages.ResultTokenCookie(accepted.Id) + "=", StringComparison.Ordinal));

        var sme = pipeline.App.CreateClient();
        foreach (var (method, path) in new[] { ("GET", $"/api/assessments/{accepted.Id}"), ("GET", $"/api/assessments/{accepted.Id}/actions"), ("POST", $"/api/assessments/{accepted.Id}/actions"), ("POST", "/api/assessments") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?token={accepted.AccessToken}") { Content = method == "POST" ? JsonContent.Create(new { }) : null };
            var answer = await sme.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _), $"{method} {path}: {problem}");
        }
    }

    [Fact]
    public async Task No_log_line_holds_an_sme_token_or_an_advisor_key()
    {
        var logs = new CapturedLogs();
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" }, logs);
        var sme = app.CreateClient();
        var programme = Unique.Programme("tokens");
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
        using (var browser = app.CreateSessionClient()) await browser.OpenResultAsync(accepted.Id, accepted.AccessToken);
        await sme.GetAsync($"/api/assessments/{accepted.Id}?token={accepted.AccessToken}");
        await app.CreateAdvisorClient().GetAsync($"/api/assessments?programme={programme}");
        // A key pasted into a URL by mistake is as secret as one in its header.
        await sme.GetAsync($"/api/assessments?programme={programme}&key={ExportReadinessApplication.AdvisorKey}");

        // Each request is logged, its path and status kept, its secrets replaced.
        Assert.Contains(logs.Lines, l => l.Contains($"POST /result/{accepted.Id}/open answered 302", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"GET /api/assessments/{accepted.Id}?token={RequestLog.Redacted} answered 400", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"GET /api/assessments?programme={programme}&key={RequestLog.Redacted} answered 401", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(accepted.AccessToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(ExportReadinessApplication.AdvisorKey, StringComparison.Ordinal));
    }
}
