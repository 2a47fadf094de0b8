using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Azurite stopped in the middle of a stream of submissions and started again: while it is down every submission
/// is a 503 with Retry-After, the app comes back by itself, and every submission that got a 202 ends Scored.
/// Its own Azurite, persisted to a folder so its data outlives the stop.
/// </summary>
public sealed class StorageRecoveryTests(Xunit.Abstractions.ITestOutputHelper output)
    : OwnStorageTests(Directory.CreateTempSubdirectory("azurite-recovery-").FullName)
{
    [Fact]
    public async Task Every_submission_accepted_around_a_storage_outage_ends_scored_and_the_app_recovers_without_a_restart()
    {
        var client = App.CreateClient();
        var accepted = new ConcurrentBag<(string Id, string Token)>();
        var refusals = new ConcurrentBag<(HttpStatusCode Status, bool RetryAfter, TimeSpan Took)>();

        async Task SubmitAsync()
        {
            var clock = Stopwatch.StartNew();
            var response = await client.PostJsonAsync("/api/assessments", AssessmentBuilder.Mixed().InProgramme(Unique.Programme("outage")).ToJsonString());
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                accepted.Add((body.GetProperty("id").GetString()!, body.GetProperty("accessToken").GetString()!));
            }
            else
            {
                refusals.Add((response.StatusCode, response.Headers.RetryAfter is not null, clock.Elapsed));
            }
        }

        for (var i = 0; i < 10; i++) await SubmitAsync();
        await Azurite.StopAsync();
        for (var i = 0; i < 5; i++) await SubmitAsync();
        await Azurite.RestartAsync();

        // The app was never restarted: it must find storage again by itself.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var before = accepted.Count;
        while (accepted.Count < before + 10 && DateTime.UtcNow < deadline)
        {
            await SubmitAsync();
            await Task.Delay(100);
        }

        Assert.True(accepted.Count >= 20, $"Only {accepted.Count} submissions were accepted around the outage.");
        Assert.True(refusals.Count >= 5, "Submissions during the outage were not refused.");
        Assert.All(refusals, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
            Assert.True(r.RetryAfter, "A 503 without Retry-After.");
        });
        output.WriteLine($"{accepted.Count} accepted, {refusals.Count} refused; slowest refusal {refusals.Max(r => r.Took).TotalMilliseconds:F0} ms");
        var advisor = App.CreateAdvisorClient();
        foreach (var (id, _) in accepted) await advisor.WaitForStatusAsync(id, token: null, seconds: 120);

        // Readiness turns healthy again on its own (its cached check lasts HealthHandler.ReadinessTtl).
        await Until.TrueAsync(async () => (await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK, "readiness said healthy again");
    }
}
