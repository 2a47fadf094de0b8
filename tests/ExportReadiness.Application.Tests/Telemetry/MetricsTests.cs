using System.Diagnostics.Metrics;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ExportReadiness.Application.Tests.Telemetry;

/// <summary>The metrics a flow records, read from this app's own meter (a collector sees only the meters of its factory).</summary>
public sealed class MetricsTests : ApplicationTests
{
    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(App.Get<IMeterFactory>(), "ExportReadiness", instrument);

    [Fact]
    public async Task A_scored_submission_is_counted_with_its_latency_its_score_by_level_and_the_model_in_use()
    {
        using var submissions = Collect<long>("exportreadiness.submissions");
        using var latency = Collect<double>("exportreadiness.scoring.latency");
        using var scores = Collect<int>("exportreadiness.scores");
        using var model = Collect<int>("exportreadiness.model.in_use");

        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Strong());
        App.Clock.Advance(TimeSpan.FromSeconds(3));
        await App.ScoreWaitingAsync();

        var submitted = Assert.Single(submissions.GetMeasurementSnapshot());
        Assert.Equal((1L, "web"), (submitted.Value, submitted.Tags["submission.kind"]));
        Assert.Equal(3, Assert.Single(latency.GetMeasurementSnapshot()).Value, 3);
        var scored = await App.StoredAsync(id);
        var score = Assert.Single(scores.GetMeasurementSnapshot());
        Assert.Equal((scored.Result!.ReadinessScore, (object?)scored.Result.Level.ToString()), (score.Value, score.Tags["readiness.level"]));
        model.RecordObservableInstruments();
        var inUse = Assert.Single(model.GetMeasurementSnapshot());
        Assert.Equal((1, (object?)ApplicationUnderTest.ModelVersion), (inUse.Value, inUse.Tags["model.version"]));
    }

    [Fact]
    public async Task A_score_given_again_by_the_same_message_is_not_measured_twice()
    {
        using var latency = Collect<double>("exportreadiness.scoring.latency");
        await App.SubmitAsync(AssessmentBuilder.Mixed());
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());

        await App.Get<ScoreAssessmentHandler>().DeliverAsync(message);
        await App.Get<ScoreAssessmentHandler>().DeliverAsync(message);

        Assert.Single(latency.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_scoring_message_failing_its_last_delivery_counts_a_failed_assessment()
    {
        using var failed = Collect<long>("exportreadiness.scoring.failed");
        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        await App.MakeUnscorableAsync(id);
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());

        var result = await App.Get<ScoreAssessmentHandler>().DeliverAsync(message, App.Options<QueueTriggerOptions>().MaxDequeueCount);

        Assert.NotNull(result.Error);
        Assert.Equal(1, failed.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task A_sweep_counts_the_messages_it_sends_again()
    {
        using var resent = Collect<long>("exportreadiness.sweep.resent");
        var assessment = AssessmentBuilder.Mixed().ToAssessment(submittedAt: App.Clock.GetUtcNow());
        await App.Storage.Assessments.AddAsync(assessment, default);
        App.Clock.Advance(App.Options<ExportReadinessOptions>().PendingSweepAge + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await App.Get<PendingSweeper>().RunAsync(default));

        Assert.Equal(1, resent.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task A_request_refused_at_capacity_counts_as_shed()
    {
        using var shed = Collect<long>("exportreadiness.requests.shed");
        using var shedding = new LoadShedding(Microsoft.Extensions.Options.Options.Create(new LoadSheddingOptions { MaxConcurrentRequests = 1, MaxQueuedRequests = 0 }),
            App.Get<ExportReadiness.Application.Telemetry.ExportReadinessMetrics>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<LoadShedding>.Instance);
        var holding = new TaskCompletionSource();
        var held = shedding.RunAsync(App.Get("/api/assessments"), () => holding.Task);

        var refused = App.Get("/api/assessments");
        await shedding.RunAsync(refused, () => throw new Xunit.Sdk.XunitException("A request beyond capacity was let through."));
        holding.SetResult();
        await held;

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        Assert.Equal(1, shed.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
