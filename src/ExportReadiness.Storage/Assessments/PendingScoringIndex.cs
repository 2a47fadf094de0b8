using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// The pending index (<see cref="StorageNames.PendingScoringTable"/>): the sweep's outbox. A row per web submission
/// waiting to be scored, and one per batch slice (a programme's rows of a hundred lines), written before the Pending rows
/// and deleted once they are settled, so the sweep reads the assessments still waiting (a point read each, a range query
/// per slice), whatever the number of assessments ever scored.
/// </summary>
/// <remarks>
/// PartitionKey = the minute of the assessment's <see cref="Assessment.SubmittedAt"/> (<c>yyyyMMddHHmm</c>), RowKey = its
/// id, or for a batch's row <c>{batch prefix}|{slice}|{programme}</c>. SubmittedAt, not the time of the write, because whoever settles an assessment must find its row and only has the
/// assessment; it never changes. Ordered time keys make "submitted before T" a key range (<c>PartitionKey le T</c>) that
/// skips the minutes since T, where nearly all waiting rows are; a batch's rows share one upload time, so one partition:
/// a 10,000-row batch writes about a hundred entries, and each is deleted by the scorer of the message that named its
/// whole slice. A minute of web submissions is far below a partition's throughput limit.
/// </remarks>
internal sealed class PendingScoringIndex(StorageClients clients)
{
    private const string ProgrammeProperty = "Programme";
    private const int PointReads = 16;

    /// <summary>
    /// How long an entry whose assessment row does not exist is kept: its writer may still be between the index and the
    /// row (a crash there leaves the entry for ever, which costs one point read per sweep until it goes).
    /// </summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    private readonly TableClient _pending = clients.Table(StorageNames.PendingScoringTable);

    internal static string Partition(DateTimeOffset submittedAt) => submittedAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// An entry for each Pending assessment (others are never waiting): one per web submission, one per slice of a batch
    /// (its programme's rows of a hundred lines: <see cref="BatchAssessmentIds.SliceLines"/>), in transactions of 100.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var entries = assessments.Where(a => a.Status == AssessmentStatus.Pending).Select(Entry).DistinctBy(e => (e.PartitionKey, e.RowKey)).ToList();
        foreach (var chunk in TableKeys.InTransactions(entries))
        {
            if (chunk.Length == 1) await _pending.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, cancellationToken);
            else await _pending.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the entries of assessments that left Pending one by one; a batch's rows are in their slice's entry, which
    /// <see cref="ForgetSlicesAsync"/> deletes once the whole slice is settled.
    /// </summary>
    public Task ForgetAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken) =>
        DeleteAsync(settled.Where(a => !IsSliced(a)).Select(Entry).ToList(), cancellationToken);

    /// <summary>Deletes the entries of the slices the assessments stand for, every row of which has left Pending.</summary>
    public Task ForgetSlicesAsync(IReadOnlyList<Assessment> slices, CancellationToken cancellationToken) =>
        DeleteAsync(slices.Where(IsSliced).Select(Entry).ToList(), cancellationToken);

    /// <summary>Deletes entries, 100 to a transaction; one already gone fails its transaction, and its chunk is deleted one by one.</summary>
    private async Task DeleteAsync(IReadOnlyList<TableEntity> entries, CancellationToken cancellationToken)
    {
        foreach (var chunk in TableKeys.InTransactions(entries.DistinctBy(e => (e.PartitionKey, e.RowKey))))
        {
            if (chunk.Length > 1 && await TryDeleteAllAsync(chunk, cancellationToken)) continue;
            // A delete of a missing entity succeeds: the SDK answers Table Storage's 404 as done.
            foreach (var entry in chunk) await _pending.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
        }
    }

    private async Task<bool> TryDeleteAllAsync(TableEntity[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The entries written before <paramref name="writtenBefore"/>, their rows read page by page (a point read for a web
    /// submission's, one range query for a slice's); those still Pending and unchanged since then are returned, the entries
    /// whose rows are all settled (or long missing) are deleted.
    /// </summary>
    public async IAsyncEnumerable<PendingAssessment> DueAsync(TableClient assessments, DateTimeOffset writtenBefore, string requeuesProperty,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An entry is written just before its row, so an entry written since the cutoff belongs to a row written since.
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Partition(writtenBefore)} and Timestamp le {writtenBefore}");
        var orphanBefore = writtenBefore < DateTimeOffset.MinValue + OrphanAge ? DateTimeOffset.MinValue : writtenBefore - OrphanAge;
        string[] columns = ["RowKey", "Status", "Timestamp", requeuesProperty];
        await foreach (var page in _pending.QueryAsync<TableEntity>(filter, 1000, select: ["PartitionKey", "RowKey", "Timestamp", ProgrammeProperty], cancellationToken: cancellationToken)
                           .AsPages().WithCancellation(cancellationToken))
        {
            var reads = new (TableEntity Entry, List<TableEntity> Rows)[page.Values.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, reads.Length), new ParallelOptions { MaxDegreeOfParallelism = PointReads, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var entry = page.Values[i];
                    var rows = new List<TableEntity>();
                    if (entry.GetString(ProgrammeProperty) is { } programme && TableKeys.IsValid(programme))
                    {
                        if (SliceOf(entry.RowKey) is { } slice)
                        {
                            var (from, through) = BatchAssessmentIds.IdsOf(slice);
                            var range = TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {from} and RowKey le {through}");
                            await foreach (var row in assessments.QueryAsync<TableEntity>(range, BatchAssessmentIds.SliceLines, columns, ct)) rows.Add(row);
                        }
                        else if (await assessments.GetEntityIfExistsAsync<TableEntity>(programme, entry.RowKey, columns, ct) is { HasValue: true } row)
                            rows.Add(row.Value!);
                    }
                    reads[i] = (entry, rows);
                });
            foreach (var (entry, rows) in reads)
            {
                if (rows.Count == 0 && entry.Timestamp > orphanBefore) continue;
                var waiting = rows.Where(r => r.GetString("Status") == nameof(AssessmentStatus.Pending)).ToList();
                if (waiting.Count == 0)
                {
                    await _pending.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
                    continue;
                }
                // The keys from the entry and the rows' RowKey: a read with a select returns only the columns named.
                foreach (var row in waiting.Where(r => r.Timestamp <= writtenBefore))
                    yield return new PendingAssessment(row.RowKey, entry.GetString(ProgrammeProperty), row.Timestamp ?? DateTimeOffset.MinValue, row.GetInt32(requeuesProperty) ?? 0, row.ETag.ToString());
            }
        }
    }

    /// <summary>A batch's row (written by ingest, with a batch row's id): indexed by its slice, not by itself.</summary>
    private static bool IsSliced(Assessment a) => a.BatchId is not null && BatchAssessmentIds.TryParse(a.Id, out _, out _);

    /// <summary>The slice key of a slice entry's RowKey (<c>{slice key}|{programme}</c>), null for an assessment's own entry.</summary>
    private static string? SliceOf(string rowKey) =>
        rowKey.IndexOf('|', StringComparison.Ordinal) is > 0 and var bar && rowKey.IndexOf('|', bar + 1) is > 0 and var second ? rowKey[..second] : null;

    private static TableEntity Entry(Assessment a) =>
        new(Partition(a.SubmittedAt), IsSliced(a) && BatchAssessmentIds.TrySliceKey(a.Id, out var slice, out _) ? $"{slice}|{a.Programme}" : a.Id)
        {
            [ProgrammeProperty] = a.Programme,
        };
}
