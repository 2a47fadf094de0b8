using System.Net;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Anyone may submit and change an action plan, so one client cannot flood the store, the reports and the sweeper: its
/// writes are limited per address (submissions, re-assessments and plan changes share one budget), other clients go on.
/// </summary>
[Collection(PipelineCollection.Name)]
public class AnonymousWriteLimitTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_client_past_its_anonymous_writes_per_window_gets_429_problem_with_retry_after_while_another_client_gets_through()
    {
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:Standalone"] = "false",
            ["ExportReadiness:AnonymousWrites:PermitLimit"] = "3",
            ["ExportReadiness:AnonymousWrites:Window"] = "00:05:00",
        });
        app.StartServer();
        var programme = Unique.Programme("write-limit");
        using var flooder = app.CreateClientFrom("127.0.0.2");
        using var neighbour = app.CreateClientFrom("127.0.0.3");

        for (var write = 1; write <= 3; write++) await flooder.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
        var refused = await flooder.PostJsonAsync("/api/assessments", AssessmentBuilder.Mixed().InProgramme(programme).ToJsonString());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        // A plan change spends the same budget; reading does not.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooder.PostJsonAsync("/api/assessments/any/actions", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await flooder.GetAsync("/api/questionnaire")).StatusCode);

        await neighbour.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
    }
}
