using ExportReadiness.Application.Rescoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Rescoring;

/// <summary>
/// The nightly run's mechanics: one run at a time, page by page, resumable, counting what it could not score. Each test
/// starts from a run already past its training (as one stopped while re-scoring is found), so no model is trained here;
/// the champion/challenger decision is the trainer's own tests' business.
/// </summary>
public sealed class RescoreJobTests() : ApplicationTests(new ApplicationUnderTest(new Dictionary<string, string?> { ["ExportReadiness:RescorePageSize"] = "2" }))
{
    private const string OldModel = "19990101T000000Z-old";

    private RescoreJob Job => App.Get<RescoreJob>();

    /// <summary>Assessments scored by a model that is no longer current.</summary>
    private async Task<List<string>> StaleAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var assessment = AssessmentBuilder.Mixed().Named($"Gammal {i} AB").ToAssessment(submittedAt: App.Clock.GetUtcNow());
            await App.Storage.Assessments.AddAsync(assessment with { Status = AssessmentStatus.Scored, Result = ContractData.Result(50, OldModel) }, default);
            ids.Add(assessment.Id);
        }
        return ids;
    }

    /// <summary>A run that has trained and decided, and is bringing assessments to the current model: what a stopped run leaves.</summary>
    private async Task<ModelRun> RunPastTrainingAsync()
    {
        var now = App.Clock.GetUtcNow();
        var run = new ModelRun { Id = App.Storage.ModelRuns.NewRunId(now), Trigger = "nightly", StartedAt = now, Phase = ModelRunPhase.Rescoring, TargetVersion = ApplicationUnderTest.ModelVersion };
        await App.Storage.ModelRuns.SaveAsync(run, default);
        return run;
    }

    [Fact]
    public async Task A_run_brings_every_scored_assessment_to_the_current_model_one_page_at_a_time()
    {
        var stale = await StaleAsync(5);
        var (current, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());
        var untouched = (await App.StoredAsync(current)).ConcurrencyToken;
        var (pending, _) = await App.SubmitAsync(AssessmentBuilder.Weak());
        var started = await RunPastTrainingAsync();
        var pages = new List<int>();
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var run = await Job.RunAsync("nightly", default, new SyncProgress(r => pages.Add(r.Rescored)));

        Assert.Equal((started.Id, ModelRunStatus.Completed, ModelRunPhase.Done, 5, 0), (run!.Id, run.Status, run.Phase, run.Rescored, run.Unscorable));
        Assert.Equal(App.Clock.GetUtcNow(), run.EndedAt);
        Assert.Equal([2, 4, 5], pages);
        foreach (var id in stale) Assert.Equal(ApplicationUnderTest.ModelVersion, (await App.StoredAsync(id)).Result!.ModelVersion);
        Assert.Equal(untouched, (await App.StoredAsync(current)).ConcurrencyToken);
        Assert.Equal(AssessmentStatus.Pending, (await App.StoredAsync(pending)).Status);
        Assert.Equal(run, await App.Storage.ModelRuns.GetAsync(run.Id, default));
        Assert.False(App.Storage.Locks.IsHeld(RescoreJob.LockName));
    }

    [Fact]
    public async Task A_run_stopped_half_way_is_resumed_and_scores_each_assessment_once()
    {
        var stale = await StaleAsync(6);
        var started = await RunPastTrainingAsync();
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Job.RunAsync("nightly", stop.Token, new SyncProgress(_ => stop.Cancel())));
        var interrupted = (await App.Storage.ModelRuns.GetAsync(started.Id, default))!;
        var firstPage = new Dictionary<string, string?>();
        foreach (var id in stale)
            if (await App.StoredAsync(id) is { Result.ModelVersion: var version } a && version == ApplicationUnderTest.ModelVersion) firstPage[id] = a.ConcurrencyToken;
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var resumed = await Job.RunAsync("nightly", default);

        Assert.Equal((ModelRunStatus.Running, 2), (interrupted.Status, interrupted.Rescored));
        Assert.Equal(2, firstPage.Count);
        Assert.Equal((started.Id, ModelRunStatus.Completed, 6), (resumed!.Id, resumed.Status, resumed.Rescored));
        // The first page was not scored again: its rows are as the stopped run left them.
        foreach (var (id, version) in firstPage) Assert.Equal(version, (await App.StoredAsync(id)).ConcurrencyToken);
        foreach (var id in stale) Assert.Equal(ApplicationUnderTest.ModelVersion, (await App.StoredAsync(id)).Result!.ModelVersion);
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
    public async Task An_assessment_that_cannot_be_scored_keeps_its_result_and_is_counted_without_stopping_the_run()
    {
        var stale = await StaleAsync(3);
        await App.MakeUnscorableAsync(stale[1]);
        await RunPastTrainingAsync();

        var run = await Job.RunAsync("nightly", default);

        Assert.Equal((ModelRunStatus.Completed, 2, 1), (run!.Status, run.Rescored, run.Unscorable));
        Assert.Equal(OldModel, (await App.StoredAsync(stale[1])).Result!.ModelVersion);
        Assert.Equal(ApplicationUnderTest.ModelVersion, (await App.StoredAsync(stale[2])).Result!.ModelVersion);
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

    /// <summary>Progress reported on the job's own thread, so a test can stop the run between two pages.</summary>
    private sealed class SyncProgress(Action<ModelRun> report) : IProgress<ModelRun>
    {
        public void Report(ModelRun value) => report(value);
    }
}
