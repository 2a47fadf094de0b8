using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Rescoring;

/// <summary>
/// Splits a run's re-scoring into parts and queues one message per part, for any instance to take up. A part is a key range
/// of one programme: a batch's rows by line (<see cref="BatchAssessmentIds"/>), other ids by their first character. Web ids
/// are time-ordered and share their first characters, so a part that proves larger than
/// <see cref="ExportReadinessOptions.RescorePartSize"/> splits the rest off itself. The parts are found from the keys alone, a
/// seek per part.
/// </summary>
public sealed partial class RescoreFanOut(
    IModelRunStore runs,
    IRescorePartStore parts,
    IRescorePartQueue queue,
    IAssessmentRanges ranges,
    CurrentModel currentModel,
    RescoreCompletion completion,
    TimeProvider clock,
    IOptions<ExportReadinessOptions> options,
    ILogger<RescoreFanOut> logger)
{
    /// <summary>
    /// Records the parts, then the fan-out on the run, then sends the messages; done again after a stop, it adds no part twice
    /// and re-sends only the parts not settled. A run with nothing to split completes at once.
    /// </summary>
    public async Task<ModelRun> StartAsync(ModelRun run, CancellationToken cancellationToken)
    {
        if (run.Status != ModelRunStatus.Running) return run;
        try
        {
            var model = await currentModel.GetAsync(cancellationToken, refresh: true);
            run = run with { TargetVersion = model.Version };
            await parts.AddAsync(await FindPartsAsync(run.Id, cancellationToken), cancellationToken);
            var stored = await parts.ListAsync(run.Id, cancellationToken);
            run = run with { RescoringStartedAt = run.RescoringStartedAt ?? clock.GetUtcNow(), PartsTotal = stored.Count };
            await runs.SaveAsync(run, cancellationToken);
            var waiting = stored.Where(p => !p.Settled).ToList();
            await queue.EnqueueAsync(waiting, cancellationToken);
            LogFannedOut(run.Id, waiting.Count, model.Version);
            return await completion.TryCompleteAsync(run.Id, cancellationToken) ?? run;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stopped runs stay Running and are resumed; a run that broke is recorded as such.
            await runs.SaveAsync(run with { Status = ModelRunStatus.Failed, EndedAt = clock.GetUtcNow(), Error = e.Message }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Sends again the messages of parts still queued and untouched for <see cref="ExportReadinessOptions.RescorePartResendAge"/>:
    /// a message lost between the fan-out's record and its send, or poisoned without its last delivery being handled.
    /// </summary>
    public async Task ResendLostAsync(string runId, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.RescorePartResendAge;
        var lost = (await parts.ListAsync(runId, cancellationToken)).Where(p => !p.Settled && p.WrittenAt < before).ToList();
        if (lost.Count == 0) return;
        await queue.EnqueueAsync(lost, cancellationToken);
        LogResent(runId, lost.Count);
    }

    /// <summary>
    /// Per programme, parts found by key seeks alone, no row read: a batch's rows (its prefix, then the line) one part per
    /// <see cref="ExportReadinessOptions.RescorePartSize"/> lines, any other ids one part per first character. The parts of a
    /// programme meet end to end, the first from its start and the last to its end, so every id falls in one.
    /// </summary>
    private async Task<List<RescorePart>> FindPartsAsync(string runId, CancellationToken cancellationToken)
    {
        var found = new List<RescorePart>();
        var lines = options.Value.RescorePartSize;
        for (var programme = await ranges.NextProgrammeAsync(null, cancellationToken); programme is not null;
             programme = await ranges.NextProgrammeAsync(programme, cancellationToken))
        {
            var starts = new List<string>();
            var from = "";
            while (await ranges.FirstIdAsync(programme, from, cancellationToken) is { Length: > 0 } id)
            {
                if (BatchAssessmentIds.TryParse(id, out var batch, out var line))
                {
                    // The first row at or after each step of lines: a step without rows gives no part.
                    for (string? row = id; row is not null && BatchAssessmentIds.TryParse(row, out var rowBatch, out line) && rowBatch == batch;)
                    {
                        starts.Add(row);
                        row = line + lines > BatchAssessmentIds.MaxLine ? null
                            : await ranges.FirstIdAsync(programme, BatchAssessmentIds.Of(batch, line + lines), cancellationToken);
                    }
                    from = BatchAssessmentIds.After(batch);
                    continue;
                }
                // A character's worth of other ids; when a batch before it shares that character, from the id found.
                var bucket = id[..1];
                starts.Add(string.CompareOrdinal(bucket, from) >= 0 ? bucket : id);
                if (id[0] == char.MaxValue) break;
                from = ((char)(id[0] + 1)).ToString();
            }
            if (starts.Count == 0) starts.Add("");
            starts[0] = "";
            for (var i = 0; i < starts.Count; i++)
                found.Add(RescorePart.Of(runId, programme, starts[i], i + 1 < starts.Count ? starts[i + 1] : null));
        }
        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rescore run {RunId}: {Parts} parts queued to bring assessments to {ModelVersion}")]
    private partial void LogFannedOut(string runId, int parts, string modelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescore run {RunId}: {Parts} parts waited too long untouched; their messages were sent again")]
    private partial void LogResent(string runId, int parts);
}
