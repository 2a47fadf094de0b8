using System.Net;
using System.Net.Sockets;
using System.Text;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Above capacity the app refuses at once (503 + Retry-After) instead of taking every request and letting clients
/// time out. An app with room for one request and one waiting, so a request held open by its client fills it.
/// </summary>
[Collection(PipelineCollection.Name)]
public class LoadSheddingTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task Above_capacity_a_submission_is_refused_at_once_with_503_and_retry_after_and_nothing_of_it_is_stored()
    {
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:Standalone"] = "false",
            [$"{LoadSheddingOptions.Section}:MaxConcurrentRequests"] = "1",
            [$"{LoadSheddingOptions.Section}:MaxQueuedRequests"] = "1",
            [$"{LoadSheddingOptions.Section}:MaxQueueWait"] = "00:00:00.300",
        });
        var client = app.CreateClient();
        var (held, refusedProgramme, after) = (Unique.Programme("shed-held"), Unique.Programme("shed-refused"), Unique.Programme("shed-after"));
        var shedding = app.Services.GetRequiredService<LoadShedding>();

        // A slow client: its request holds the only turn while its body has not all arrived.
        var body = Encoding.UTF8.GetBytes(AssessmentBuilder.Mixed().InProgramme(held).ToJsonString());
        using var slow = new TcpClient();
        await slow.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/assessments HTTP/1.1\r\nHost: {client.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body.AsMemory(0, 1));
        for (var waited = 0; shedding.AvailablePermits > 0; waited += 20)
        {
            Assert.True(waited < 10_000, "The held request never took its turn.");
            await Task.Delay(20);
        }

        var refused = await client.PostJsonAsync("/api/assessments", AssessmentBuilder.Mixed().InProgramme(refusedProgramme).ToJsonString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("busy", (await refused.ProblemAsync()).GetProperty("title").GetString());

        // A person on a page is told in words; probes are never shed.
        var page = await client.GetAsync("/?lang=en");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Please try again shortly", await page.Content.ReadAsStringAsync());
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/live")).StatusCode);

        await stream.WriteAsync(body.AsMemory(1));
        var answer = await new StreamReader(stream).ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 202", answer);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/assessments", AssessmentBuilder.Mixed().InProgramme(after).ToJsonString())).StatusCode);

        var store = app.Services.GetRequiredService<IAssessmentStore>();
        Assert.Equal(0, await store.CountAsync(new AssessmentQuery(Programme: refusedProgramme), CancellationToken.None));
        Assert.Equal(1, await store.CountAsync(new AssessmentQuery(Programme: held), CancellationToken.None));
        Assert.Equal(1, await store.CountAsync(new AssessmentQuery(Programme: after), CancellationToken.None));
        Assert.True(shedding.Refused >= 2);
    }
}
