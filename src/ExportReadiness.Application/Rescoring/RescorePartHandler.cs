using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Rescoring;

public static class RescorePartOutcome
{
    public const string Rescored = "Rescored";
    public const string AlreadySettled = "AlreadySettled";
    public const string RunOver = "RunOver";
}

/// <summary>
/// The RescorePart function: brings one part of a run to the run's model. Its range is read for Scored rows not scored by
/// that model, a page at a time scored in one model pass and written conditionally, and the part's counts saved after each
/// page. Idempotent: rows already brought to the model are not read again, a settled part is not touched, and a part split
/// once is split at the same place by every delivery. The last delivery that fails marks the part Failed (the message goes
/// to poison). Settling the last part completes the run.
/// </summary>
public sealed partial class RescorePartHandler(
    IRescorePartStore parts,
    IRescorePartQueue queue,
    IModelRunStore runs,
    IAssessmentRanges ranges,
    IAssessmentStore assessments,
    CurrentModel currentModel,
    AssessmentScorer scorer,
    RescoreCompletion completion,
    TimeProvider clock,
    ExportReadinessMetrics metrics,
    IOptions<QueueTriggerOptions> queueOptions,
    IOptions<ExportReadinessOptions> appOptions,
    ILogger<RescorePartHandler> logger) : IQueueFunction
{
    public string Name => "RescorePart";

    public string QueueName => StorageNames.RescorePartsQueue;

    /// <summary>
    /// The parts of a batch at once, each failing or succeeding on its own, as the Functions host runs a batch's messages as
    /// concurrent invocations: one part's storage reads and writes overlap another's model pass.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken) =>
        await Task.WhenAll(deliveries.Select(d => Task.Run(() =>
            DeliverySpans.AroundOneAsync(ExportReadinessTelemetry.Spans.RescorePart, QueueName, d, () => HandleOneAsync(d, cancellationToken)), CancellationToken.None)));

    private async Task<DeliveryResult> HandleOneAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        string runId, partId;
        try
        {
            (runId, partId) = RescorePartMessage.Parse(delivery.Text);
        }
        catch (MalformedMessageException e)
        {
            return DeliveryResult.Failed(e);
        }
        try
        {
            return DeliveryResult.Done(await RescoreAsync(runId, partId, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (delivery.DequeueCount >= queueOptions.Value.MaxDequeueCount)
            {
                await SettleAsync(runId, partId, RescorePartStatus.Failed, 0, 0, e.Message, CancellationToken.None);
                LogPartFailed(runId, partId, e);
                await completion.TryCompleteAsync(runId, CancellationToken.None);
            }
            return DeliveryResult.Failed(e);
        }
    }

    private async Task<string> RescoreAsync(string runId, string partId, CancellationToken cancellationToken)
    {
        var part = await parts.GetAsync(runId, partId, cancellationToken);
        if (part is { Settled: true })
        {
            // A delivery after the part was settled, perhaps by one that stopped before completing the run.
            await completion.TryCompleteAsync(runId, cancellationToken);
            return RescorePartOutcome.AlreadySettled;
        }
        if (part is null || await runs.GetAsync(runId, cancellationToken) is not { Status: ModelRunStatus.Running, TargetVersion: { } target })
            return RescorePartOutcome.RunOver;
        var model = await ModelAsync(target, cancellationToken);
        var (split, rows) = await TakeAsync(part, target, cancellationToken);
        var rescored = 0;
        foreach (var page in rows.Chunk(appOptions.Value.RescorePageSize))
        {
            // A row that cannot be scored keeps its old result and is counted; the next run tries it again.
            var results = scorer.ScoreEach(model, page.Select(a => (a.Company, a.Answers)).ToList(), clock.GetUtcNow());
            var scored = page.Zip(results).Where(p => p.Second.Result is not null).Select(p => p.First with { Result = p.Second.Result }).ToList();
            var written = await assessments.ReplaceManyAsync(scored, cancellationToken);
            // In the score distribution, so a new model's shift of the levels shows the morning after.
            foreach (var assessment in scored.Where(a => written.Contains(a.Id))) metrics.Rescored(assessment.Result!);
            rescored += written.Count;
            await SettleAsync(runId, partId, null, written.Count, page.Length - scored.Count, null, cancellationToken);
        }
        await SettleAsync(runId, partId, RescorePartStatus.Done, 0, 0, null, cancellationToken);
        LogPartDone(runId, partId, rescored, split.SplitAt is not null);
        await completion.TryCompleteAsync(runId, cancellationToken);
        return RescorePartOutcome.Rescored;
    }

    /// <summary>
    /// The part's stale rows, at most <see cref="ExportReadinessOptions.RescorePartSize"/>: past that, the part records where it
    /// stops and the rest becomes a part of its own, queued before this one is scored so another instance can take it up.
    /// </summary>
    private async Task<(RescorePart Part, List<Assessment> Rows)> TakeAsync(RescorePart part, string target, CancellationToken cancellationToken)
    {
        var rows = new List<Assessment>();
        await foreach (var a in ranges.StaleAsync(part.Programme, part.From, part.End, target, cancellationToken))
        {
            if (part.SplitAt is { } end && string.CompareOrdinal(a.Id, end) >= 0) break;
            if (part.SplitAt is null && rows.Count >= appOptions.Value.RescorePartSize)
            {
                part = await SplitAsync(part, a.Id, cancellationToken);
                // Another delivery may have split it first, elsewhere: its split holds.
                rows.RemoveAll(r => string.CompareOrdinal(r.Id, part.SplitAt!) >= 0);
                if (string.CompareOrdinal(a.Id, part.SplitAt!) >= 0) break;
            }
            rows.Add(a);
        }
        // Split by an earlier delivery that stopped: its remainder may not have been queued yet.
        if (part.SplitAt is not null) await QueueRemainderAsync(part, cancellationToken);
        return (part, rows);
    }

    private async Task<RescorePart> SplitAsync(RescorePart part, string at, CancellationToken cancellationToken)
    {
        var stored = await parts.TryReplaceAsync(part with { SplitAt = at }, cancellationToken)
            ?? await parts.GetAsync(part.RunId, part.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Part {part.Id} of run {part.RunId} is gone.");
        if (stored.SplitAt is null) return await SplitAsync(stored, at, cancellationToken);
        return stored;
    }

    private async Task QueueRemainderAsync(RescorePart part, CancellationToken cancellationToken)
    {
        var remainder = RescorePart.Of(part.RunId, part.Programme, part.SplitAt!, part.To);
        await parts.AddAsync([remainder], cancellationToken);
        if (await parts.GetAsync(remainder.RunId, remainder.Id, cancellationToken) is { Settled: false } waiting)
            await queue.EnqueueAsync([waiting], cancellationToken);
    }

    /// <summary>
    /// Adds what a delivery did to the part's counts and, with a status, settles it: read, change, replace if unchanged, so two
    /// deliveries at once each add their own rows. A part already settled keeps its status.
    /// </summary>
    private async Task SettleAsync(string runId, string partId, RescorePartStatus? status, int rescored, int unscorable, string? error, CancellationToken cancellationToken)
    {
        while (await parts.GetAsync(runId, partId, cancellationToken) is { } current)
        {
            if (rescored == 0 && unscorable == 0 && (status is null || current.Settled)) return;
            var changed = current with { Rescored = current.Rescored + rescored, Unscorable = current.Unscorable + unscorable };
            if (status is { } settled && !current.Settled) changed = changed with { Status = settled, SettledAt = clock.GetUtcNow(), Error = error };
            if (await parts.TryReplaceAsync(changed, cancellationToken) is not null) return;
        }
    }

    /// <summary>The run's model: the one in use, refreshed if this instance has not seen the run's publish yet.</summary>
    private async Task<ReadinessModel> ModelAsync(string version, CancellationToken cancellationToken)
    {
        var model = await currentModel.GetAsync(cancellationToken);
        if (model.Version != version) model = await currentModel.GetAsync(cancellationToken, refresh: true);
        return model.Version == version ? model : throw new InvalidOperationException($"The model in use is {model.Version}, not the run's {version}.");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rescore run {RunId}, part {PartId}: {Rescored} assessments re-scored (split: {Split})")]
    private partial void LogPartDone(string runId, string partId, int rescored, bool split);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescore run {RunId}, part {PartId} marked Failed after its last delivery")]
    private partial void LogPartFailed(string runId, string partId, Exception exception);
}
