using System.Net;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Pages;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>An SME's access token stays out of the address bar after the first visit, out of referrers, and out of the logs.</summary>
[Collection(PipelineCollection.Name)]
public class SmeTokenTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task The_result_link_trades_its_token_for_a_host_prefixed_cookie_of_that_page_and_redirects_without_it()
    {
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("tokens")));
        // A client that shows each answer as it is: no redirects followed, cookies only as the test sends them.
        HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = pipeline.App.CreateClient().BaseAddress };

        var first = await Browser().GetAsync($"/result/{accepted.Id}?token={accepted.AccessToken}&lang=en");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/result/{accepted.Id}?lang=en", first.Headers.Location!.OriginalString);
        // One cookie per result page, __Host- prefixed: Secure, Path=/, no Domain, so no sibling site can plant or read it.
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($"__Host-sme_token_{accepted.Id}=", StringComparison.Ordinal));
        Assert.Contains("; path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        using var again = new HttpRequestMessage(HttpMethod.Get, first.Headers.Location);
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        var page = await Browser().SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(accepted.AccessToken, await page.Content.ReadAsStringAsync()); // not in the language links either
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync($"/result/{accepted.Id}")).StatusCode);
        var wrong = await Browser().GetAsync($"/result/{accepted.Id}?token=not-the-token");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task No_log_line_holds_an_sme_token_or_an_advisor_key()
    {
        var logs = new CapturedLogs();
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" }, logs);
        var sme = app.CreateClient();
        var programme = Unique.Programme("tokens");
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
        await sme.GetAsync($"/result/{accepted.Id}?token={accepted.AccessToken}");
        await sme.GetAsync($"/api/assessments/{accepted.Id}?token={accepted.AccessToken}");
        await app.CreateAdvisorClient().GetAsync($"/api/assessments?programme={programme}");
        // A key pasted into a URL by mistake is as secret as one in its header.
        await sme.GetAsync($"/api/assessments?programme={programme}&key={ExportReadinessApplication.AdvisorKey}");

        // Each request is logged, its path and status kept, its secrets replaced.
        Assert.Contains(logs.Lines, l => l.Contains($"GET /api/assessments/{accepted.Id}?token={RequestLog.Redacted} answered 200", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"GET /api/assessments?programme={programme}&key={RequestLog.Redacted} answered 401", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(accepted.AccessToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(ExportReadinessApplication.AdvisorKey, StringComparison.Ordinal));
    }
}
