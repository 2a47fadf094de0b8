using Microsoft.Extensions.DependencyInjection;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;

namespace ExportReadiness.Application.Tests.Scoring;

public sealed class ScoreAssessmentHandlerTests : ApplicationTests
{
    private ScoreAssessmentHandler Handler => App.Get<ScoreAssessmentHandler>();

    private async Task<Assessment> StoredPendingAsync(AssessmentBuilder builder, string? programme = null)
    {
        var assessment = builder.ToAssessment(submittedAt: App.Clock.GetUtcNow()) with { Programme = programme ?? Submission.DefaultProgramme };
        await App.Storage.Assessments.AddAsync(assessment, default);
        return assessment;
    }

    [Fact]
    public async Task A_submitted_assessment_is_scored_by_the_current_model_when_its_message_arrives()
    {
        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Strong());
        App.Clock.Advance(TimeSpan.FromSeconds(3));

        var results = await App.Storage.ScoringQueue.DeliverAsync(Handler);

        Assert.Equal(ScoringOutcome.Scored, Assert.Single(results).Outcome);
        var scored = await App.StoredAsync(id);
        Assert.Equal(AssessmentStatus.Scored, scored.Status);
        Assert.Equal((ApplicationUnderTest.ModelVersion, App.Clock.GetUtcNow()), (scored.Result!.ModelVersion, scored.Result.ScoredAt));
        Assert.Equal(ReadinessLevels.FromScore(scored.Result.ReadinessScore), scored.Result.Level);
        Assert.NotEmpty(scored.Result.Dimensions);
    }

    [Fact]
    public async Task A_message_delivered_twice_leaves_one_result()
    {
        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());
        var first = await Handler.DeliverAsync(message);
        var afterFirst = await App.StoredAsync(id);
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await Handler.DeliverAsync(message);

        Assert.Equal((ScoringOutcome.Scored, ScoringOutcome.AlreadyScored), (first.Outcome, second.Outcome));
        var afterSecond = await App.StoredAsync(id);
        // Not written again: same version of the row, same time of scoring.
        Assert.Equal(afterFirst.ConcurrencyToken, afterSecond.ConcurrencyToken);
        Assert.Equal(afterFirst.Result!.ScoredAt, afterSecond.Result!.ScoredAt);
    }

    [Fact]
    public async Task Two_deliveries_of_one_message_in_the_same_batch_both_succeed_with_one_write()
    {
        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());

        var results = await Handler.HandleAsync([new QueueDelivery(message, 1), new QueueDelivery(message, 2)], default);

        Assert.Equal([ScoringOutcome.Scored, ScoringOutcome.Scored], results.Select(r => r.Outcome));
        Assert.Equal(AssessmentStatus.Scored, (await App.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task A_message_naming_an_unknown_assessment_fails_so_that_it_is_retried_and_finally_poisoned()
    {
        var result = await Handler.DeliverAsync("""{"assessmentId":"0000000000000000000000000000dead"}""");

        Assert.IsType<KeyNotFoundException>(result.Error);
    }

    [Fact]
    public async Task A_malformed_message_fails_alone_and_the_others_of_its_batch_are_scored()
    {
        var (id, _) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        var good = Assert.Single(App.Storage.ScoringQueue.Drain());

        var results = await Handler.HandleAsync([new QueueDelivery("not json", 1), new QueueDelivery("""{"assessmentIds":[]}""", 1), new QueueDelivery(good, 1)], default);

        Assert.IsType<MalformedMessageException>(results[0].Error);
        Assert.IsType<MalformedMessageException>(results[1].Error);
        Assert.Equal(ScoringOutcome.Scored, results[2].Outcome);
        Assert.Equal(AssessmentStatus.Scored, (await App.StoredAsync(id)).Status);
    }

    [Fact]
    public async Task An_assessment_that_cannot_be_scored_stays_pending_until_its_last_delivery_marks_it_failed()
    {
        var sound = await StoredPendingAsync(AssessmentBuilder.Mixed());
        var broken = await StoredPendingAsync(AssessmentBuilder.Mixed());
        await App.MakeUnscorableAsync(broken.Id);
        await App.Storage.ScoringQueue.EnqueueManyAsync(Submission.DefaultProgramme, [sound.Id, broken.Id], default);
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());

        var early = await Handler.DeliverAsync(message, dequeueCount: 1);
        Assert.IsType<InvalidDataException>(early.Error);
        Assert.Equal(AssessmentStatus.Pending, (await App.StoredAsync(broken.Id)).Status);
        Assert.Equal(AssessmentStatus.Scored, (await App.StoredAsync(sound.Id)).Status);

        var last = await Handler.DeliverAsync(message, dequeueCount: App.Options<QueueTriggerOptions>().MaxDequeueCount);

        Assert.NotNull(last.Error);
        var failed = await App.StoredAsync(broken.Id);
        Assert.Equal(AssessmentStatus.Failed, failed.Status);
        Assert.Contains("poison", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(AssessmentStatus.Scored, (await App.StoredAsync(sound.Id)).Status);
    }

    [Fact]
    public async Task Scoring_or_failing_an_assessment_takes_it_out_of_the_sweeps_pending_index()
    {
        var sound = await StoredPendingAsync(AssessmentBuilder.Mixed());
        var broken = await StoredPendingAsync(AssessmentBuilder.Mixed());
        await App.MakeUnscorableAsync(broken.Id);
        Assert.True(App.Storage.Assessments.IsIndexedAsPending(sound.Id));
        await App.Storage.ScoringQueue.EnqueueManyAsync(Submission.DefaultProgramme, [sound.Id, broken.Id], default);
        var message = Assert.Single(App.Storage.ScoringQueue.Drain());

        await Handler.DeliverAsync(message, dequeueCount: 1);
        Assert.Equal((false, true), (App.Storage.Assessments.IsIndexedAsPending(sound.Id), App.Storage.Assessments.IsIndexedAsPending(broken.Id)));

        await Handler.DeliverAsync(message, dequeueCount: App.Options<QueueTriggerOptions>().MaxDequeueCount);
        Assert.Equal(AssessmentStatus.Failed, (await App.StoredAsync(broken.Id)).Status);
        Assert.False(App.Storage.Assessments.IsIndexedAsPending(broken.Id));
    }

    [Fact]
    public async Task A_batch_message_scores_every_assessment_it_names_in_its_programme()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var rows = Enumerable.Range(0, 150).Select(i => AssessmentBuilder.Mixed().ToAssessment($"batch000000000000{i:D8}", App.Clock.GetUtcNow()) with
        {
            Programme = "umea", Company = submission.Company with { Employees = 5 + i },
        }).ToList();
        await App.Storage.Assessments.AddManyAsync(rows, default);
        await App.Storage.ScoringQueue.EnqueueManyAsync("umea", rows.Select(r => r.Id).ToList(), default);

        var results = await App.Storage.ScoringQueue.DeliverAsync(Handler);

        Assert.Equal([ScoringOutcome.Scored, ScoringOutcome.Scored], results.Select(r => r.Outcome));
        Assert.Equal(150, await App.Storage.Assessments.CountAsync(new AssessmentQuery("umea", Status: AssessmentStatus.Scored), default));
    }

    [Fact]
    public async Task A_message_naming_a_whole_batch_slice_takes_the_slice_out_of_the_pending_index_once_all_of_it_is_scored()
    {
        var forgotten = new List<string>();
        await using var app = new ApplicationUnderTest(services: s => s.AddSingleton<IAssessmentStore>(sp =>
            new SliceRecordingStore(sp.GetRequiredService<InMemoryStorage>().Assessments, forgotten)));
        var rows = Enumerable.Range(0, 150).Select(i => AssessmentBuilder.Mixed().ToAssessment($"ba7c0000000000f1{i:D8}", app.Clock.GetUtcNow()) with
        {
            Programme = "umea", BatchId = "ba7c0000000000f1-batch",
        }).ToList();
        await app.Storage.Assessments.AddManyAsync(rows, default);
        // Lines 0–99 as ingest sends a slice; 100–149 as the sweep re-sends rows (never marked whole), one of them unknown.
        await app.Storage.ScoringQueue.EnqueueSliceAsync("umea", rows.Take(100).Select(r => r.Id).ToList(), default);
        await app.Storage.ScoringQueue.EnqueueManyAsync("umea", rows.Skip(100).Select(r => r.Id).ToList(), default);
        await app.Storage.ScoringQueue.EnqueueSliceAsync("umea", [rows[120].Id, "ba7c0000000000f100000199"], default);

        await app.Storage.ScoringQueue.DeliverAsync(app.Get<ScoreAssessmentHandler>());

        Assert.Equal(150, await app.Storage.Assessments.CountAsync(new AssessmentQuery("umea", Status: AssessmentStatus.Scored), default));
        Assert.Equal([rows[0].Id], forgotten);
    }

    private sealed class SliceRecordingStore(IAssessmentStore inner, List<string> forgotten) : ExportReadiness.Testing.Faults.DelegatingAssessmentStore(inner)
    {
        public override Task ForgetPendingSlicesAsync(IReadOnlyList<Assessment> slices, CancellationToken cancellationToken)
        {
            lock (forgotten) forgotten.AddRange(slices.Select(a => a.Id));
            return base.ForgetPendingSlicesAsync(slices, cancellationToken);
        }
    }

    [Fact]
    public async Task A_message_arriving_before_any_model_is_published_fails_and_leaves_the_assessment_pending()
    {
        await using var app = new ApplicationUnderTest(new Dictionary<string, string?> { ["ExportReadiness:ModelWait"] = "00:00:00" }, publishModel: false);
        var (id, _) = await app.SubmitAsync(AssessmentBuilder.Mixed());

        var result = Assert.Single(await app.Storage.ScoringQueue.DeliverAsync(app.Get<ScoreAssessmentHandler>()));

        Assert.IsType<ModelUnavailableException>(result.Error);
        Assert.Equal(AssessmentStatus.Pending, (await app.StoredAsync(id)).Status);
    }
}
