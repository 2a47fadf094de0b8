using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Rescoring;

/// <summary>
/// The nightly run's mechanics: one run at a time, its re-scoring split into parts that queue workers take up, a part at most
/// <c>RescorePartSize</c> rows, counting what it could not score. Each test starts from a run already past its training (as one
/// stopped before its fan-out is found), so no model is trained here; the champion/challenger decision is the trainer's own
/// tests' business.
/// </summary>
public sealed class RescoreJobTests() : ApplicationTests(new ApplicationUnderTest(new Dictionary<string, string?>
{
    ["ExportReadiness:RescorePageSize"] = "2",
    ["ExportReadiness:RescorePartSize"] = "3",
}))
{
    private const string OldModel = "19990101T000000Z-old";

    private RescoreJob Job => App.Get<RescoreJob>();

    private RescorePartHandler Parts => App.Get<RescorePartHandler>();

    /// <summary>Assessments scored by a model that is no longer current.</summary>
    private async Task<List<string>> StaleAsync(int count, string programme = "default")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var assessment = AssessmentBuilder.Mixed().InProgramme(programme).Named($"Gammal {i} AB").ToAssessment(submittedAt: App.Clock.GetUtcNow());
            await App.Storage.Assessments.AddAsync(assessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(50, OldModel) }, default);
            ids.Add(assessment.Id);
        }
        return ids;
    }

    /// <summary>A run that has trained and decided, and is to bring assessments to the current model: what a run stopped before its fan-out leaves.</summary>
    private async Task<ModelRun> RunPastTrainingAsync()
    {
        var now = App.Clock.GetUtcNow();
        var run = new ModelRun { Id = App.Storage.ModelRuns.NewRunId(now), Trigger = "nightly", StartedAt = now, Phase = ModelRunPhase.Rescoring, TargetVersion = ApplicationUnderTest.ModelVersion };
        await App.Storage.ModelRuns.SaveAsync(run, default);
        return run;
    }

    /// <summary>Every queued part to the handler, as a queue worker takes them, until none waits (parts split off queue more).</summary>
    private async Task<List<DeliveryResult>> DeliverPartsAsync()
    {
        var results = new List<DeliveryResult>();
        while (App.Storage.RescorePartQueue.Waiting > 0)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            results.AddRange(await App.Storage.RescorePartQueue.DeliverAsync(Parts));
        }
        return results;
    }

    private async Task<ModelRun> StoredRunAsync(string id) => (await App.Storage.ModelRuns.GetAsync(id, default))!;

    [Fact]
    public async Task A_run_queues_its_parts_and_the_last_part_done_completes_it_with_every_scored_assessment_on_the_current_model()
    {
        var stale = await StaleAsync(5);
        var (current, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());
        var untouched = (await App.StoredAsync(current)).ConcurrencyToken;
        var (pending, _) = await App.SubmitAsync(AssessmentBuilder.Weak());
        var started = await RunPastTrainingAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var queued = await Job.RunAsync("nightly", default);
        var untouchedWhileQueued = (await App.StoredAsync(stale[0])).Result!.ModelVersion;
        var results = await DeliverPartsAsync();
        var run = await StoredRunAsync(started.Id);

        Assert.Equal((ModelRunStatus.Running, ModelRunPhase.Rescoring), (queued!.Status, queued.Phase));
        Assert.Equal(OldModel, untouchedWhileQueued);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal((ModelRunStatus.Completed, ModelRunPhase.Done, 5, 0), (run.Status, run.Phase, run.Rescored, run.Unscorable));
        // Five stale rows, at most three a part: the part holding them split once.
        Assert.Equal((2, 2, 0), (run.PartsTotal, run.PartsDone, run.PartsFailed));
        Assert.Equal(App.Clock.GetUtcNow(), run.EndedAt);
        Assert.NotNull(run.RescoredPerSecond);
        foreach (var id in stale) Assert.Equal(ApplicationUnderTest.ModelVersion, (await App.StoredAsync(id)).Result!.ModelVersion);
        Assert.Equal(untouched, (await App.StoredAsync(current)).ConcurrencyToken);
        Assert.Equal(AssessmentStatus.Pending, (await App.StoredAsync(pending)).Status);
        Assert.False(App.Storage.Locks.IsHeld(RescoreJob.LockName));
    }

    [Fact]
    public async Task Each_programme_is_split_into_parts_by_the_first_character_of_its_ids()
    {
        foreach (var programme in new[] { "norr", "syd" })
            foreach (var id in new[] { "0a1", "0b2", "7c3", "fd4" })
            {
                var assessment = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(id: $"{id}-{programme}", submittedAt: App.Clock.GetUtcNow());
                await App.Storage.Assessments.AddAsync(assessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(50, OldModel) }, default);
            }
        await RunPastTrainingAsync();

        var run = await Job.RunAsync("nightly", default);
        var parts = await App.Storage.RescoreParts.ListAsync(run!.Id, default);

        Assert.Equal(6, run.PartsTotal);
        Assert.Equal(
            ["norr [ 7)", "norr [7 f)", "norr [f …)", "syd [ 7)", "syd [7 f)", "syd [f …)"],
            parts.Select(p => $"{p.Programme} [{p.From} {p.To ?? "…"})").Order(StringComparer.Ordinal));
        Assert.Equal(6, App.Storage.RescorePartQueue.Waiting);
    }

    [Fact]
    public async Task A_batchs_rows_are_split_into_parts_of_at_most_the_part_size_by_line()
    {
        const string Batch = "0123456789abcdef";
        foreach (var line in new[] { 2, 3, 4, 5, 6, 7, 9 })
        {
            var assessment = AssessmentBuilder.Mixed().InProgramme("norr").ToAssessment(id: BatchAssessmentIds.Of(Batch, line), submittedAt: App.Clock.GetUtcNow());
            await App.Storage.Assessments.AddAsync(assessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(50, OldModel) }, default);
        }
        var started = await RunPastTrainingAsync();

        var run = await Job.RunAsync("nightly", default);
        var parts = await App.Storage.RescoreParts.ListAsync(run!.Id, default);
        await DeliverPartsAsync();

        // Lines 2-4, 5-7 and 9 (8 was rejected, say): three parts, found by seeking, none split later.
        Assert.Equal(
            [("", "0123456789abcdef00000005"), ("0123456789abcdef00000005", "0123456789abcdef00000009"), ("0123456789abcdef00000009", "…")],
            parts.Select(p => (p.From, p.To ?? "…")).OrderBy(p => p.From, StringComparer.Ordinal));
        Assert.Equal((ModelRunStatus.Completed, 3, 7), ((await StoredRunAsync(started.Id)).Status, (await StoredRunAsync(started.Id)).PartsTotal, (await StoredRunAsync(started.Id)).Rescored));
    }

    [Fact]
    public async Task A_part_delivered_twice_changes_nothing_the_second_time()
    {
        var stale = await StaleAsync(3);
        var started = await RunPastTrainingAsync();
        await Job.RunAsync("nightly", default);
        var message = Assert.Single(App.Storage.RescorePartQueue.Sent);
        await DeliverPartsAsync();
        var rows = new Dictionary<string, string?>();
        foreach (var id in stale) rows[id] = (await App.StoredAsync(id)).ConcurrencyToken;
        var once = await StoredRunAsync(started.Id);

        var again = await Parts.DeliverAsync(message, dequeueCount: 2);

        Assert.Equal(RescorePartOutcome.AlreadySettled, again.Outcome);
        foreach (var (id, version) in rows) Assert.Equal(version, (await App.StoredAsync(id)).ConcurrencyToken);
        Assert.Equal(once, await StoredRunAsync(started.Id));
        Assert.Equal(3, once.Rescored);
    }

    [Fact]
    public async Task While_a_run_holds_the_lock_no_other_starts_and_an_advisor_is_told_it_is_running()
    {
        await StaleAsync(1);
        await RunPastTrainingAsync();
        await using var other = await App.Storage.Locks.TryAcquireAsync(RescoreJob.LockName, default);

        var scheduled = await Job.RunAsync("nightly", default);
        var manual = await Job.StartAsync("manual", default);
        var asked = await App.Get<RescoreHandlers>().Start((await App.Request(HttpMethods.Post, "/api/admin/rescore").AsAdvisorAsync()).Request);

        Assert.Null(scheduled);
        Assert.Null(manual);
        Assert.Equal(StatusCodes.Status409Conflict, asked.Result.Problem().Status);
        Assert.Equal(ModelRunStatus.Running, Assert.Single(await App.Storage.ModelRuns.RecentAsync(10, default)).Status);
    }

    [Fact]
    public async Task While_a_runs_parts_are_outstanding_no_new_run_starts_and_once_they_are_done_one_may()
    {
        await StaleAsync(2);
        var first = await RunPastTrainingAsync();
        await Job.RunAsync("nightly", default);
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var scheduled = await Job.RunAsync("nightly", default);
        var asked = await App.Get<RescoreHandlers>().Start((await App.Request(HttpMethods.Post, "/api/admin/rescore").AsAdvisorAsync()).Request);
        await DeliverPartsAsync();

        Assert.Null(scheduled);
        Assert.Equal(StatusCodes.Status409Conflict, asked.Result.Problem().Status);
        Assert.Equal(first.Id, Assert.Single(await App.Storage.ModelRuns.RecentAsync(10, default)).Id);
        Assert.Equal(ModelRunStatus.Completed, (await StoredRunAsync(first.Id)).Status);
    }

    [Fact]
    public async Task An_assessment_that_cannot_be_scored_keeps_its_result_and_is_counted_without_stopping_the_run()
    {
        var stale = await StaleAsync(3);
        await App.MakeUnscorableAsync(stale[1]);
        var started = await RunPastTrainingAsync();

        await Job.RunAsync("nightly", default);
        await DeliverPartsAsync();
        var run = await StoredRunAsync(started.Id);

        Assert.Equal((ModelRunStatus.Completed, 2, 1), (run.Status, run.Rescored, run.Unscorable));
        Assert.Equal(OldModel, (await App.StoredAsync(stale[1])).Result!.ModelVersion);
        Assert.Equal(ApplicationUnderTest.ModelVersion, (await App.StoredAsync(stale[2])).Result!.ModelVersion);
    }

    [Fact]
    public async Task A_run_with_nothing_to_rescore_completes_when_it_is_queued()
    {
        var started = await RunPastTrainingAsync();

        var run = await Job.RunAsync("nightly", default);

        Assert.Equal((started.Id, ModelRunStatus.Completed, 0), (run!.Id, run.Status, run.PartsTotal));
    }

    [Fact]
    public async Task Advisors_follow_the_runs_newest_first_and_an_unknown_run_is_404()
    {
        var first = await RunPastTrainingAsync();
        await Job.RunAsync("nightly", default);
        App.Clock.Advance(TimeSpan.FromDays(1));
        var second = await RunPastTrainingAsync();
        var handlers = App.Get<RescoreHandlers>();

        var recent = (await handlers.Recent(default)).Value!;
        var unknown = (await handlers.Get("0", (await App.Get("/api/admin/rescore/runs/0").AsAdvisorAsync()).Request, default)).Result.Problem();

        Assert.Equal([second.Id, first.Id], recent.Select(r => r.Id));
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Every_score_a_run_gives_again_counts_in_the_score_distribution_by_level()
    {
        using var scores = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<int>(
            App.Get<System.Diagnostics.Metrics.IMeterFactory>(), "ExportReadiness", "exportreadiness.scores");
        var stale = await StaleAsync(4);
        await RunPastTrainingAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        await Job.RunAsync("nightly", default);
        await DeliverPartsAsync();

        var measured = scores.GetMeasurementSnapshot();
        Assert.Equal(stale.Count, measured.Count);
        foreach (var id in stale)
        {
            var result = (await App.StoredAsync(id)).Result!;
            Assert.Contains(measured, m => m.Value == result.ReadinessScore && (string?)m.Tags["readiness.level"] == result.Level.ToString());
        }
    }
}
