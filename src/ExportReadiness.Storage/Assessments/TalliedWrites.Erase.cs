using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

internal sealed partial class TalliedWrites
{
    /// <summary>
    /// Deletes rows of one programme and takes their part out of its tallies in the same transaction: each row's own part,
    /// and for a product's first assessment the product's figures (its progress, funnel and destination, which count only
    /// there). Each delete is conditional on the row as just read, so a row changed meanwhile is read again; a row already
    /// gone is no work. Erasing every row of a product so leaves the tallies as a scan of what remains would build them.
    /// </summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> EraseAsync(string programme, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var erased = 0;
        // Each row may be of another batch, whose count is one more step: half a transaction of rows leaves room for them.
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk((TableKeys.MaxTransactionSize - 1) / 2))
        {
            var pending = chunk.ToList();
            for (var attempt = 0; attempt < MaxAttempts && pending.Count > 0; attempt++)
            {
                var stored = await Task.WhenAll(pending.Select(id => StoredVersionAsync(programme, id, null, cancellationToken)));
                var present = stored.OfType<Known>().ToList();
                if (present.Count == 0) break;
                var delta = new TallyCells();
                var batches = new Dictionary<string, int>(StringComparer.Ordinal);
                var steps = new List<TableTransactionAction>(present.Count + 1);
                foreach (var known in present)
                {
                    var row = known.Row;
                    delta[row.Company.Sector, row.Company.Region].AddAssessment(row, -1);
                    CountScored(batches, row, -1);
                    if (row.ProductId == row.Id) delta[row.Company.Sector, row.Company.Region].AddProduct(row.ProductFigures ?? known.Alone, -1);
                    steps.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(programme, row.Id), new ETag(row.ConcurrencyToken!)));
                }
                delta.Prune();
                var outcome = await TrySubmitAsync(programme, steps, steps.Count, delta, cancellationToken, batches);
                pending = present.Select(k => k.Row.Id).ToList();
                if (!outcome.Done) continue; // a row or the shard moved meanwhile: read again
                foreach (var id in pending) _known.TryRemove((programme, id), out _);
                erased += present.Count;
                break;
            }
        }
        return erased;
    }
}
