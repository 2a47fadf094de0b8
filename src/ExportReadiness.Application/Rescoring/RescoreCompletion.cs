using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Application.Rescoring;

/// <summary>
/// Ends a run once every part has settled: the parts' figures summed into the run record, the drift of the last 90 days
/// measured, <c>Completed</c>. Whoever settles a part asks; the record is replaced only if unchanged since it was read, so
/// two instances settling the last parts at once complete the run once.
/// </summary>
public sealed partial class RescoreCompletion(
    IModelRunStore runs,
    IRescorePartStore parts,
    IAssessmentStore assessments,
    IModelRepository models,
    TimeProvider clock,
    ILogger<RescoreCompletion> logger)
{
    /// <summary>The run once no longer running (completed by this call or another); null while parts are outstanding.</summary>
    public async Task<ModelRun?> TryCompleteAsync(string runId, CancellationToken cancellationToken)
    {
        var all = await parts.ListAsync(runId, cancellationToken);
        if (all.Any(p => !p.Settled)) return null;
        if (await runs.GetVersionedAsync(runId, cancellationToken) is not var (run, version)) return null;
        if (run.Status != ModelRunStatus.Running) return run;
        // Parts are queued only after the fan-out is on record; before that, a run without parts is not yet split.
        if (run.RescoringStartedAt is null || run.TargetVersion is not { } target) return null;
        var completed = RescoreProgress.Of(run, all) with
        {
            Drift = await DriftAsync(target, cancellationToken),
            Status = ModelRunStatus.Completed,
            Phase = ModelRunPhase.Done,
            EndedAt = clock.GetUtcNow(),
        };
        if (await runs.TryReplaceAsync(completed, version, cancellationToken))
        {
            LogCompleted(runId, completed.Rescored, completed.PartsDone, completed.PartsFailed, target);
            return completed;
        }
        return await runs.GetAsync(runId, cancellationToken) is { Status: not ModelRunStatus.Running } other ? other : null;
    }

    /// <summary>The run as it stands: a running run's figures come from its parts, which are written as they go.</summary>
    public async Task<ModelRun> LiveAsync(ModelRun run, CancellationToken cancellationToken) =>
        run is { Status: ModelRunStatus.Running, RescoringStartedAt: not null } ? RescoreProgress.Of(run, await parts.ListAsync(run.Id, cancellationToken)) : run;

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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Rescore run {RunId} completed: {Rescored} assessments now scored by {ModelVersion}, {PartsDone} parts done, {PartsFailed} failed")]
    private partial void LogCompleted(string runId, int rescored, int partsDone, int partsFailed, string modelVersion);
}
