using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Scoring;

/// <summary>
/// SweepPending, the outbox's other half: a submission writes its Pending row and then its scoring message, and a
/// process that dies in between leaves a row nobody will score. Every minute this re-sends the message of each
/// Pending row left unchanged for <see cref="ExportReadinessOptions.PendingSweepAge"/>; scoring is idempotent, so a
/// row whose message was only waiting in a backlog costs one extra, quickly settled delivery. The rows come from the
/// store's pending index (<see cref="IAssessmentStore.PendingAsync"/>), so a sweep costs the rows still waiting, never
/// the assessments ever scored.
/// </summary>
/// <remarks>
/// A row's re-sends back off: after the n-th, it is due again only once unchanged for age × 2ⁿ (at most an hour),
/// so a long backlog does not get its messages multiplied every minute. The count is kept on the row, which moves
/// its last-written time too. One sweep at a time across instances (a blob lease).
/// </remarks>
public sealed partial class PendingSweeper(
    IDistributedLock locks,
    IAssessmentStore store,
    IScoringQueue queue,
    TimeProvider clock,
    ExportReadinessMetrics metrics,
    IOptions<ExportReadinessOptions> options,
    ILogger<PendingSweeper> logger)
{
    public const string LockName = "pending-sweep";

    /// <summary>Every minute, at second 0 (six-field NCRONTAB, UTC): the timer trigger's and the local scheduler's schedule.</summary>
    public const string Schedule = "0 * * * * *";

    /// <summary>The longest a row still Pending waits between two re-sends, however many it has had.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private const int Page = 1000;

    /// <summary>Re-sends the scoring message of every Pending assessment due; how many, or null when another instance is sweeping.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(LockName, cancellationToken);
        if (held is null) return null;
        // The messages it re-sends carry this span's trace: the submission's own trace was lost with its message.
        using var span = ExportReadinessTelemetry.Source.StartActivity(ExportReadinessTelemetry.Spans.SweepPending);
        var age = options.Value.PendingSweepAge;
        var now = clock.GetUtcNow();
        var due = new List<PendingAssessment>(Page);
        var requeued = 0;
        await foreach (var pending in store.PendingAsync(now - age, cancellationToken))
        {
            if (pending.LastWrittenAt > now - Backoff(age, pending.Requeues)) continue;
            due.Add(pending);
            if (due.Count < Page) continue;
            requeued += await RequeueAsync(due, cancellationToken);
        }
        requeued += await RequeueAsync(due, cancellationToken);
        span?.SetTag(ExportReadinessTelemetry.Tags.Count, requeued);
        if (requeued > 0) LogRequeued(requeued);
        metrics.Resent(requeued);
        return requeued;
    }

    /// <summary>How long a row must be unchanged before its next re-send, after <paramref name="requeues"/> of them.</summary>
    public static TimeSpan Backoff(TimeSpan age, int requeues) =>
        TimeSpan.FromTicks((long)Math.Min(age.Ticks * Math.Pow(2, Math.Min(requeues, 30)), MaxBackoff.Ticks));

    private async Task<int> RequeueAsync(List<PendingAssessment> due, CancellationToken cancellationToken)
    {
        var count = due.Count;
        foreach (var programme in due.GroupBy(p => p.Programme))
        {
            // Send first, count second: a crash in between re-sends again next time, never leaves a row without a message.
            await queue.EnqueueManyAsync(programme.Key, programme.Select(p => p.Id).ToList(), cancellationToken);
            await Parallel.ForEachAsync(programme, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (pending, ct) => await store.TryMarkRequeuedAsync(pending, ct));
        }
        due.Clear();
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sent the scoring message again for {Count} assessments left Pending")]
    private partial void LogRequeued(int count);
}
