using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// The pending index (<see cref="StorageNames.PendingScoringTable"/>): the sweep's outbox. A row per assessment waiting
/// to be scored, written before its Pending row and deleted once it is settled, so the sweep reads the assessments still
/// waiting and point-reads each, whatever the number of assessments ever scored.
/// </summary>
/// <remarks>
/// PartitionKey = the minute of the assessment's <see cref="Assessment.SubmittedAt"/> (<c>yyyyMMddHHmm</c>), RowKey = its
/// id. SubmittedAt, not the time of the write, because whoever settles an assessment must find its row and only has the
/// assessment; it never changes. Ordered time keys make "submitted before T" a key range (<c>PartitionKey le T</c>) that
/// skips the minutes since T, where nearly all waiting rows are; a batch's rows share one upload time, so one partition,
/// written and deleted in transactions of 100. A minute of web submissions is far below a partition's throughput limit.
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

    /// <summary>An entry for each Pending assessment (others are never waiting): one upsert per row, or per 100 of a batch.</summary>
    public async Task AddAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        foreach (var chunk in assessments.Where(a => a.Status == AssessmentStatus.Pending)
                     .GroupBy(a => Partition(a.SubmittedAt)).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
        {
            if (chunk.Length == 1) await _pending.UpsertEntityAsync(Entry(chunk[0]), TableUpdateMode.Replace, cancellationToken);
            else await _pending.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entry(a))), cancellationToken);
        }
    }

    /// <summary>Deletes the entries, 100 to a transaction; one already gone fails its transaction, and its chunk is deleted row by row.</summary>
    public async Task ForgetAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken)
    {
        foreach (var chunk in settled.DistinctBy(a => a.Id).GroupBy(a => Partition(a.SubmittedAt)).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
        {
            if (chunk.Length > 1 && await TryDeleteAllAsync(chunk, cancellationToken)) continue;
            // A delete of a missing entity succeeds: the SDK answers Table Storage's 404 as done.
            foreach (var assessment in chunk) await _pending.DeleteEntityAsync(Partition(assessment.SubmittedAt), assessment.Id, ETag.All, cancellationToken);
        }
    }

    private async Task<bool> TryDeleteAllAsync(Assessment[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.Delete, Entry(a), ETag.All)), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The entries written before <paramref name="writtenBefore"/>, their rows point-read page by page; those still Pending
    /// and unchanged since then are returned, the entries of rows settled (or long missing) are deleted.
    /// </summary>
    public async IAsyncEnumerable<PendingAssessment> DueAsync(TableClient assessments, DateTimeOffset writtenBefore, string requeuesProperty,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An entry is written just before its row, so an entry written since the cutoff belongs to a row written since.
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Partition(writtenBefore)} and Timestamp le {writtenBefore}");
        var orphanBefore = writtenBefore < DateTimeOffset.MinValue + OrphanAge ? DateTimeOffset.MinValue : writtenBefore - OrphanAge;
        await foreach (var page in _pending.QueryAsync<TableEntity>(filter, 1000, select: ["PartitionKey", "RowKey", "Timestamp", ProgrammeProperty], cancellationToken: cancellationToken)
                           .AsPages().WithCancellation(cancellationToken))
        {
            var reads = new (TableEntity Entry, TableEntity? Row)[page.Values.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, reads.Length), new ParallelOptions { MaxDegreeOfParallelism = PointReads, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var entry = page.Values[i];
                    var row = entry.GetString(ProgrammeProperty) is { } programme && TableKeys.IsValid(programme)
                        ? await assessments.GetEntityIfExistsAsync<TableEntity>(programme, entry.RowKey, ["Status", "Timestamp", requeuesProperty], ct)
                        : null;
                    reads[i] = (entry, row is { HasValue: true } ? row.Value : null);
                });
            foreach (var (entry, row) in reads)
            {
                if (row is null && entry.Timestamp > orphanBefore) continue;
                if (row is not null && row.GetString("Status") == nameof(AssessmentStatus.Pending))
                {
                    // The keys from the entry: a point read with a select returns only the columns named.
                    if (row.Timestamp <= writtenBefore)
                        yield return new PendingAssessment(entry.RowKey, entry.GetString(ProgrammeProperty), row.Timestamp ?? DateTimeOffset.MinValue, row.GetInt32(requeuesProperty) ?? 0, row.ETag.ToString());
                    continue;
                }
                await _pending.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
            }
        }
    }

    private static TableEntity Entry(Assessment a) => new(Partition(a.SubmittedAt), a.Id) { [ProgrammeProperty] = a.Programme };
}
