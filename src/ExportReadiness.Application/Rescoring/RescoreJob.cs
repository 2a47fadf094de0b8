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
/// NightlyRescore: update the evidence-based prior with every real label (advisor verdicts and kept outcome sets), judge
/// the challenger against the champion on the real rows only, publish it if it passes, then bring every scored assessment
/// to the current model, page by page with batch transactions, and measure the drift of the last 90 days. One run at a
/// time across instances (a blob lease); the run record is saved after each page, so a run stopped half-way is resumed by
/// the next one and nothing is scored twice.
/// </summary>
public sealed partial class RescoreJob(
    IDistributedLock locks,
    IModelRunStore runs,
    IAssessmentStore assessments,
    RealLabelReader labels,
    IModelRepository models,
    CurrentModel currentModel,
    AssessmentScorer scorer,
    TimeProvider clock,
    IOptions<ExportReadinessOptions> options,
    ILogger<RescoreJob> logger)
{
    public const string LockName = "nightly-rescore";

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
        var encoder = scorer.Encoder;
        var (real, used) = await labels.ReadAsync(cancellationToken);
        ReadinessModel? champion = null;
        try
        {
            champion = await currentModel.GetAsync(cancellationToken, refresh: true);
        }
        catch (ModelUnavailableException)
        {
        }
        var championRecipe = champion is null ? null : (await models.GetMetricsAsync(champion.Version, cancellationToken))?.Recipe;
        var now = clock.GetUtcNow();
        var (challenger, decision) = await Task.Run(() =>
        {
            var bundled = BundledTrainingSet.Load(encoder.Schema);
            var prior = SyntheticPrior.Train(encoder, now, bundled: bundled);
            if (RealLabelLearning.Enough(real))
            {
                var learned = new RealLabelLearning(encoder).Learn(prior, bundled, real, used,
                    champion is null ? null : new ChampionModel(champion, championRecipe), now, cancellationToken: cancellationToken);
                return (learned.Challenger, learned.Decision);
            }
            // Too few real labels: the prior is the model; a champion that is not the current prior meets it on its held-out rows.
            var heldOut = champion is null ? null : new ModelTrainer(encoder).Measure(champion, ModelTrainer.Partition(bundled).Test);
            return (prior, PriorDecision.Decide(prior, championRecipe, heldOut, used));
        }, cancellationToken);
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
            AdvisorVerdicts = used.Verdicts,
            Labels = used,
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
            run = run with { Drift = await DriftAsync(model.Version, cancellationToken), Status = ModelRunStatus.Completed, Phase = ModelRunPhase.Done, EndedAt = clock.GetUtcNow() };
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

    /// <summary>The last 90 days' scored assessments against what the model in use learned from; null for a model without a profile.</summary>
    private async Task<DriftReport?> DriftAsync(string version, CancellationToken cancellationToken)
    {
        if ((await models.GetMetricsAsync(version, cancellationToken))?.Profile is not { } profile) return null;
        var now = clock.GetUtcNow();
        var recent = new RecentScores();
        await foreach (var a in assessments.ScanAsync(new AssessmentQuery(Status: AssessmentStatus.Scored, SubmittedFrom: now.AddDays(-DriftReport.Days)), cancellationToken))
            if (a.Result is { } result) recent.Add(result);
        return DriftReport.Of(profile, version, recent, now);
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
