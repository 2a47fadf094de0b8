using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

internal sealed partial class TalliedWrites
{
    /// <summary>Done, or the row step that failed (by its index), or neither: something else moved, try again.</summary>
    private sealed record Outcome(bool Done, int? FailedRow, IReadOnlyList<ETag?> ETags);

    /// <summary>
    /// Submits the steps with one shard moved by <paramref name="delta"/>, and beside it the counts of Scored rows of the
    /// batches in <paramref name="batches"/> (by batch id, non-zero): the held shard's own count rows, in the same transaction.
    /// </summary>
    private async Task<Outcome> TrySubmitAsync(string programme, List<TableTransactionAction> steps, int rowSteps, TallyCells delta, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, int>? batches = null)
    {
        if (delta.IsZero && batches is not { Count: > 0 }) return await SubmitAsync(programme, steps, rowSteps, null, cancellationToken);
        using var hold = await _held.HoldAsync(programme, cancellationToken);
        var shard = await hold.ReadAsync(cancellationToken);
        var counts = new List<TallyShards.BatchCount>(batches?.Count ?? 0);
        foreach (var (batch, by) in batches ?? new Dictionary<string, int>())
        {
            var count = await hold.ReadBatchAsync(batch, cancellationToken);
            counts.Add(count with { Scored = count.Scored + by });
        }
        // The counts' steps before the shard's, which stays last.
        var withCounts = counts.Count == 0 ? steps : [.. steps, .. counts.Select(c => TallyShards.Written(c))];
        // Worked out once: it is written, and on success remembered as the held shard's cells.
        var cells = shard.Cells.Plus(delta);
        var outcome = await SubmitAsync(programme, withCounts, rowSteps, (shard, cells), cancellationToken);
        var shardETag = outcome.Done && outcome.ETags.Count > 0 ? outcome.ETags[^1] : null;
        hold.Settle(shardETag is null ? null : shard with { Cells = cells, ETag = shardETag },
            shardETag is null ? null : counts.Select((c, i) => c with { ETag = outcome.ETags[steps.Count + i] }).ToList());
        return outcome;
    }

    private async Task<Outcome> SubmitAsync(string programme, List<TableTransactionAction> steps, int rowSteps, (TallyShards.Shard Shard, TallyCells Cells)? moved,
        CancellationToken cancellationToken)
    {
        if (moved is ({ ETag: null }, _)) await shards.RegisterAsync(programme, cancellationToken);
        var all = moved is not var (shard, cells) ? steps : [.. steps, TallyShards.Written(shard, cells)];
        if (all.Count == 0) return new Outcome(true, null, []);
        try
        {
            var response = await assessments.SubmitTransactionAsync(all, cancellationToken);
            return new Outcome(true, null, response.Value.Select(r => (ETag?)r.Headers.ETag).ToList());
        }
        catch (TableTransactionFailedException e)
        {
            foreach (var step in steps) _known.TryRemove((step.Entity.PartitionKey, step.Entity.RowKey), out _);
            return new Outcome(false, e.FailedTransactionActionIndex is { } failed && failed < rowSteps ? failed : null, []);
        }
    }
}
