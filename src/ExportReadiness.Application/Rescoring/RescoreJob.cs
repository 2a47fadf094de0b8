using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Reviews;
using ExportReadiness.Application.Scoring;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Rescoring;

/// <summary>
/// NightlyRescore: retrain a challenger on the bundled set plus every advisor verdict, publish it only if it
/// beats the champion on the same held-out rows, then bring every scored assessment to the current model,
/// page by page with batch transactions. One run at a time across instances (a blob lease); the run record
/// is saved after each page, so a run stopped half-way is resumed by the next one and nothing is scored twice.
/// </summary>
public sealed partial class RescoreJob(
    IDistributedLock locks,
    IModelRunStore runs,
    IAssessmentStore assessments,
    IReviewStore reviews,
    IModelRepository models,
    CurrentModel currentModel,
    AssessmentScorer scorer,
    TimeProvider clock,
    IOptions<ExportReadinessOptions> options,
    ILogger<RescoreJob> logger)
{
    public const string LockName = "nightly-rescore";

    /// <summary>An advisor's verdict counts as this many synthetic rows in training and evaluation.</summary>
    public const float VerdictWeight = 5f;

    /// <summary>Runs to the end while holding the lock; null when another instance is running one.</summary>
    public async Task<ModelRun?> RunAsync(string trigger, CancellationToken cancellationToken, IProgress<ModelRun>? progress = null)
    {
        await using var held = await locks.TryAcquireAsync(LockName, cancellationToken);
        if (held is null) return null;
        var run = await PrepareAsync(trigger, cancellationToken);
        return await ContinueAsync(run, cancellationToken, progress);
    }

    /// <summary>Takes the lock and records the run now, finishes it in the background; null when one is running.</summary>
    public async Task<ModelRun?> StartAsync(string trigger, CancellationToken stopping)
    {
        var held = await locks.TryAcquireAsync(LockName, stopping);
        if (held is null) return null;
        try
        {
            var run = await PrepareStubAsync(trigger, stopping);
            _ = Task.Run(async () =>
            {
                await using (held)
                {
                    try
                    {
                        await ContinueAsync(await PrepareAsync(trigger, stopping, run), stopping, null);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogRunFailed(e);
                    }
                }
            }, CancellationToken.None);
            return run;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>The run to continue: an unfinished one, or a fresh one (saved at once so callers can follow it).</summary>
    private async Task<ModelRun> PrepareStubAsync(string trigger, CancellationToken cancellationToken)
    {
        var latest = (await runs.RecentAsync(1, cancellationToken)).FirstOrDefault();
        if (latest is { Status: ModelRunStatus.Running }) return latest;
        var now = clock.GetUtcNow();
        var run = new ModelRun { Id = runs.NewRunId(now), Trigger = trigger, StartedAt = now };
        await runs.SaveAsync(run, cancellationToken);
        return run;
    }

    private async Task<ModelRun> PrepareAsync(string trigger, CancellationToken cancellationToken, ModelRun? stub = null)
    {
        var run = stub ?? await PrepareStubAsync(trigger, cancellationToken);
        if (run.Phase == ModelRunPhase.Rescoring)
        {
            LogResuming(run.Id, run.Rescored);
            return run;
        }
        return await ChallengeAsync(run, cancellationToken);
    }

    private async Task<ModelRun> ChallengeAsync(ModelRun run, CancellationToken cancellationToken)
    {
        var trainer = new ModelTrainer(scorer.Encoder);
        var rows = new List<LabelledAssessment>(BundledTrainingSet.Load(scorer.Encoder.Schema));
        var verdicts = 0;
        // The labels come from the Reviews table, the record of what advisors decided; on the way, any
        // assessment row whose copy of the verdict fell behind is brought up to date.
        await foreach (var label in reviews.TrainingLabelsAsync(cancellationToken))
        {
            if ((await ReviewCopy.SyncAsync(assessments, reviews, label.AssessmentId, cancellationToken)).Assessment is not { Review: { } review } a) continue;
            rows.Add(new LabelledAssessment(a.Company, a.Answers, review.Verdict == Verdict.ExportReady, VerdictWeight, a.Id));
            verdicts++;
        }

        var challenger = await Task.Run(() => trainer.Train(rows, clock.GetUtcNow()), cancellationToken);
        ReadinessModel? champion = null;
        try
        {
            champion = await currentModel.GetAsync(cancellationToken, refresh: true);
        }
        catch (ModelUnavailableException)
        {
        }
        // Published only if monotone, not worse than the rubric on the same held-out rows, and (with a champion)
        // lower in log-loss; without a champion the first two gates still apply.
        var decision = ChampionChallenger.Decide(champion is null ? null : trainer.Measure(champion, ModelTrainer.Partition(rows).Test), challenger);
        if (decision.PublishChallenger)
        {
            await models.PublishAsync(challenger, cancellationToken);
            await currentModel.GetAsync(cancellationToken, refresh: true);
        }
        LogDecision(run.Id, decision.Reason);

        run = run.Recording(decision) with
        {
            Phase = ModelRunPhase.Rescoring,
            ChampionVersion = champion?.Version,
            ChallengerVersion = challenger.Metrics.Version,
            AdvisorVerdicts = verdicts,
            TargetVersion = decision.PublishChallenger ? challenger.Metrics.Version : champion?.Version,
        };
        // No champion and a refused challenger: nothing may score, and the run says why.
        if (run.TargetVersion is null) run = run with { Status = ModelRunStatus.Failed, Phase = ModelRunPhase.Done, Error = decision.Reason, EndedAt = clock.GetUtcNow() };
        await runs.SaveAsync(run, cancellationToken);
        return run;
    }

    private async Task<ModelRun> ContinueAsync(ModelRun run, CancellationToken cancellationToken, IProgress<ModelRun>? progress)
    {
        if (run.Status == ModelRunStatus.Failed) return run;
        try
        {
            var model = await currentModel.GetAsync(cancellationToken, refresh: true);
            run = run with { TargetVersion = model.Version };
            var stale = assessments.ScanAsync(new AssessmentQuery(Status: AssessmentStatus.Scored, NotScoredBy: model.Version), cancellationToken);
            await foreach (var page in Pages(stale, options.Value.RescorePageSize, cancellationToken))
            {
                // A row that cannot be scored keeps its old result and is counted, instead of failing this run
                // and every later one at the same page.
                var results = scorer.ScoreEach(model, page.Select(a => (a.Company, a.Answers)).ToList(), clock.GetUtcNow());
                var rescored = page.Zip(results).Where(p => p.Second.Result is not null).Select(p => p.First with { Result = p.Second.Result }).ToList();
                var written = await assessments.ReplaceManyAsync(rescored, cancellationToken);
                run = run with { Rescored = run.Rescored + written.Count, Unscorable = run.Unscorable + (page.Count - rescored.Count) };
                await runs.SaveAsync(run, cancellationToken);
                progress?.Report(run);
            }
            run = run with { Status = ModelRunStatus.Completed, Phase = ModelRunPhase.Done, EndedAt = clock.GetUtcNow() };
            await runs.SaveAsync(run, CancellationToken.None);
            LogCompleted(run.Id, run.Rescored, run.TargetVersion!);
            return run;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stopped runs stay Running and are resumed; a run that broke is recorded as such.
            await runs.SaveAsync(run with { Status = ModelRunStatus.Failed, EndedAt = clock.GetUtcNow(), Error = e.Message }, CancellationToken.None);
            throw;
        }
    }

    private static async IAsyncEnumerable<List<Assessment>> Pages(IAsyncEnumerable<Assessment> source, int size,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = new List<Assessment>(size);
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            page.Add(item);
            if (page.Count < size) continue;
            yield return page;
            page = new List<Assessment>(size);
        }
        if (page.Count > 0) yield return page;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescore run {RunId}: {Decision}")]
    private partial void LogDecision(string runId, string decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming rescore run {RunId} after {Rescored} assessments")]
    private partial void LogResuming(string runId, int rescored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescore run {RunId} completed: {Rescored} assessments now scored by {ModelVersion}")]
    private partial void LogCompleted(string runId, int rescored, string modelVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "A background rescore run failed")]
    private partial void LogRunFailed(Exception exception);
}
