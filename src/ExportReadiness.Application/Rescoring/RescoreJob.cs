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
/// the challenger against the champion on the real rows only, publish it if it passes, then split the re-scoring of every
/// scored assessment into parts queued for every instance (<see cref="RescoreFanOut"/>, <see cref="RescorePartHandler"/>);
/// the last part settled completes the run and measures the drift of the last 90 days. One run at a time: the training and
/// the fan-out under a blob lease, and no new run while a run's parts are outstanding. A run stopped before its fan-out is
/// resumed by the next start.
/// </summary>
public sealed partial class RescoreJob(
    IDistributedLock locks,
    IModelRunStore runs,
    RealLabelReader labels,
    IModelRepository models,
    CurrentModel currentModel,
    AssessmentScorer scorer,
    RescoreFanOut fanOut,
    RescoreCompletion completion,
    TimeProvider clock,
    ILogger<RescoreJob> logger)
{
    public const string LockName = "nightly-rescore";

    /// <summary>
    /// Trains and queues the run's parts while holding the lock; the run as queued (Running, or Completed when there was nothing
    /// to re-score). Null when another instance holds the lock or an earlier run's parts are outstanding.
    /// </summary>
    public async Task<ModelRun?> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(LockName, cancellationToken);
        if (held is null || await OutstandingAsync(cancellationToken)) return null;
        var run = await PrepareAsync(trigger, cancellationToken);
        return await fanOut.StartAsync(run, cancellationToken);
    }

    /// <summary>Takes the lock and records the run now, trains and queues it in the background; null when one is running.</summary>
    public async Task<ModelRun?> StartAsync(string trigger, CancellationToken stopping)
    {
        var held = await locks.TryAcquireAsync(LockName, stopping);
        if (held is null) return null;
        try
        {
            if (await OutstandingAsync(stopping))
            {
                await held.DisposeAsync();
                return null;
            }
            var run = await PrepareStubAsync(trigger, stopping);
            _ = Task.Run(async () =>
            {
                await using (held)
                {
                    try
                    {
                        await fanOut.StartAsync(await PrepareAsync(trigger, stopping, run), stopping);
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

    /// <summary>
    /// Whether the latest run's parts are still being re-scored. A run whose parts have all settled but that nobody completed
    /// (its last part's instance stopped) is completed here; parts whose messages were lost are sent again.
    /// </summary>
    private async Task<bool> OutstandingAsync(CancellationToken cancellationToken)
    {
        if ((await runs.RecentAsync(1, cancellationToken)).FirstOrDefault() is not { Status: ModelRunStatus.Running, RescoringStartedAt: not null } latest) return false;
        if (await completion.TryCompleteAsync(latest.Id, cancellationToken) is not null) return false;
        await fanOut.ResendLostAsync(latest.Id, cancellationToken);
        LogOutstanding(latest.Id);
        return true;
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
            LogResuming(run.Id);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescore run {RunId}: {Decision}")]
    private partial void LogDecision(string runId, string decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming rescore run {RunId}: splitting its re-scoring into parts")]
    private partial void LogResuming(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No new rescore run: the parts of run {RunId} are still being re-scored")]
    private partial void LogOutstanding(string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A background rescore run failed")]
    private partial void LogRunFailed(Exception exception);
}
