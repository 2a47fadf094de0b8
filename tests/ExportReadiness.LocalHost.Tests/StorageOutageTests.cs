using System.Net;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Storage goes away under a running app: callers get 503 with Retry-After, never a 500. Its own Azurite, stopped mid-test.</summary>
public sealed class StorageOutageTests : OwnStorageTests
{
    [Fact]
    public async Task With_storage_down_reads_and_submissions_are_503_problems_with_retry_after_and_pages_say_try_again_shortly()
    {
        var client = App.CreateClient();
        var accepted = await client.SubmitAsync(AssessmentBuilder.Mixed());
        await client.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        await Azurite.DisposeAsync();

        var read = await client.GetAsync($"/api/assessments/{accepted.Id}");
        var submit = await client.PostJsonAsync("/api/assessments", AssessmentBuilder.Mixed().ToJsonString());
        foreach (var response in new[] { read, submit })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("unavailable", (await response.ProblemAsync()).GetProperty("title").GetString());
        }
        // A person on a page reads it in words, in their language, not a JSON document.
        var page = await App.CreateAdvisorClient().GetAsync("/advisor?lang=en");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("cannot reach its storage", await page.Content.ReadAsStringAsync());
        var swedish = await App.CreateAdvisorClient().GetAsync("/advisor");
        Assert.Contains("Försök igen om en stund", WebUtility.HtmlDecode(await swedish.Content.ReadAsStringAsync()));

        // Readiness says so; liveness does not ask storage, so no platform restarts a healthy process over it.
        // A check younger than the readiness cache (HealthHandler.ReadinessTtl) may still say healthy: it turns.
        await Until.TrueAsync(async () => (await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.ServiceUnavailable, "readiness said unavailable");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/live")).StatusCode);
    }
}
