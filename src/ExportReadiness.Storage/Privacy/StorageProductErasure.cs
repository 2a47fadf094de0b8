using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Storage.Assessments;

namespace ExportReadiness.Storage.Privacy;

/// <summary>
/// Erases a product from every table and container that holds something of it, in an order a replay can finish: the
/// erasure record first (later writes check it); then what is found through the rows (batch lines, raw submissions, pending
/// entries) and what hangs off the product (reviews, stage moves, actions); then the rows with their part of the tallies;
/// last the indexes the product's assessments are found by, so a run stopped anywhere is found again and completed.
/// </summary>
public sealed class StorageProductErasure(StorageClients clients, TimeProvider clock) : IProductErasure
{
    private const string ProgrammeProperty = "Programme";
    private readonly TableAssessmentStore _store = new(clients);
    private readonly ErasureRecords _records = new(clients);
    private readonly PendingScoringIndex _pending = new(clients);
    private readonly TableClient _assessments = clients.Table(StorageNames.AssessmentsTable);
    private readonly TableClient _index = clients.Table(StorageNames.AssessmentIndexTable);
    private readonly TableClient _products = clients.Table(StorageNames.ProductIndexTable);
    private readonly TableClient _reviews = clients.Table(StorageNames.ReviewsTable);
    private readonly TableClient _stages = clients.Table(StorageNames.ProductStagesTable);
    private readonly TableClient _actions = clients.Table(StorageNames.ActionPlansTable);

    public async Task<IReadOnlyList<Assessment>> AssessmentsOfAsync(string productId, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(productId, cancellationToken);
        var found = await _store.FindManyAsync(keys.Select(k => new ScoringRequest(k.Id, Programme: k.Programme)).ToList(), cancellationToken);
        return found.Values.Where(a => a.ProductId == productId).OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    public Task<ErasureRecord?> FindAsync(string productId, CancellationToken cancellationToken) => _records.FindAsync(productId, cancellationToken);

    public Task<ErasureRecord?> ErasedWithTokenAsync(string assessmentId, string token, CancellationToken cancellationToken) =>
        _records.FindByTokenAsync(assessmentId, token, cancellationToken);

    public async Task<ErasureRecord> EraseAsync(string productId, ErasureRequest request, CancellationToken cancellationToken)
    {
        var record = await _records.StartAsync(new ErasureRecord(productId, clock.GetUtcNow(), request.ErasedBy, request.Reason,
            new Dictionary<string, int>(), Completed: false), cancellationToken);
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string kind, int n) => removed[kind] = removed.GetValueOrDefault(kind) + n;

        var keys = await KeysAsync(productId, cancellationToken);
        var rows = (await _store.FindManyAsync(keys.Select(k => new ScoringRequest(k.Id, Programme: k.Programme)).ToList(), cancellationToken)).Values
            .Where(a => a.ProductId == productId).ToList();

        await _records.KeepReceiptsAsync(productId, rows, cancellationToken);

        // Found through the rows: gone with them.
        Count(ErasedKinds.BatchLines, await BlankBatchLinesAsync(rows, cancellationToken));
        // A web submission's own entry; a batch row's slice entry names no product and goes once the slice is settled.
        await _pending.ForgetAsync(rows, cancellationToken);
        Count(ErasedKinds.PendingEntries, rows.Count(r => r.Status == AssessmentStatus.Pending && r.BatchId is null));
        var container = clients.Container(StorageNames.SubmissionsContainer);
        var blobs = await Task.WhenAll(keys.Select(k => container.DeleteBlobIfExistsAsync($"{k.Id}.json", cancellationToken: cancellationToken)));
        Count(ErasedKinds.Submissions, blobs.Count(b => b.Value));
        // Hanging off the product and its assessments.
        foreach (var key in keys) Count(ErasedKinds.Reviews, await TablePartitions.DeleteAsync(_reviews, key.Id, cancellationToken));
        Count(ErasedKinds.StageMoves, await TablePartitions.DeleteAsync(_stages, productId, cancellationToken));
        Count(ErasedKinds.Actions, await TablePartitions.DeleteAsync(_actions, productId, cancellationToken));
        // The rows, with their part of the report tallies.
        foreach (var programme in keys.GroupBy(k => k.Programme))
            Count(ErasedKinds.Assessments, await _store.EraseRowsAsync(programme.Key, programme.Select(k => k.Id).ToList(), clock.GetUtcNow(), cancellationToken));
        // Last, what the product is found by.
        foreach (var key in keys) Count(ErasedKinds.IndexEntries, await ForgetIndexEntryAsync(key.Id, cancellationToken));
        Count(ErasedKinds.IndexEntries, await TablePartitions.DeleteAsync(_products, productId, cancellationToken));

        // A replay keeps the first run's record (and its counts); a run that completes a stopped one adds what it found.
        if (record.Completed) return record;
        foreach (var (kind, n) in record.Removed) Count(kind, n);
        return await _records.CompleteAsync(record with { Removed = removed }, cancellationToken);
    }

    /// <summary>The product's assessment ids with their programmes: its first (by the id index) and its re-assessments (by the product index).</summary>
    private async Task<List<(string Id, string Programme)>> KeysAsync(string productId, CancellationToken cancellationToken)
    {
        var keys = new List<(string, string)>();
        if (!TableKeys.IsValid(productId)) return keys;
        if (await _store.ProgrammeOfAsync(productId, cancellationToken) is { } first) keys.Add((productId, first));
        await foreach (var row in _products.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {productId}"), maxPerPage: 1000,
                           select: ["RowKey", ProgrammeProperty], cancellationToken: cancellationToken))
            if (row.GetString(ProgrammeProperty) is { } programme) keys.Add((row.RowKey, programme));
        return keys;
    }

    /// <summary>
    /// A web submission's id entry is deleted; a batch row's line is taken out of its slice's entry (the entry goes with its
    /// last line), conditionally on the entry as read, since other lines' rows may be written meanwhile.
    /// </summary>
    private async Task<int> ForgetIndexEntryAsync(string id, CancellationToken cancellationToken)
    {
        var partition = TableAssessmentStore.IndexPartition(id);
        var removed = await TablePartitions.DeleteRowAsync(_index, partition, id, cancellationToken) ? 1 : 0;
        if (!BatchAssessmentIds.TrySliceKey(id, out var slice, out var line)) return removed;
        var property = TableAssessmentStore.LineProperty(line);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entry = await _index.GetEntityIfExistsAsync<TableEntity>(partition, slice, cancellationToken: cancellationToken);
            if (!entry.HasValue || !entry.Value!.ContainsKey(property)) return removed;
            var rest = entry.Value;
            rest.Remove(property);
            try
            {
                if (rest.Keys.Any(k => k.Length == 3 && k[0] == 'L')) await _index.UpdateEntityAsync(rest, rest.ETag, TableUpdateMode.Replace, cancellationToken);
                else await _index.DeleteEntityAsync(partition, slice, rest.ETag, cancellationToken);
                return removed + 1;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Another line was written or erased meanwhile: read again.
            }
        }
        throw new InvalidOperationException($"The index entry of batch slice {slice} kept changing while a line was taken out.");
    }

    /// <summary>Each batch the product's rows came from: their lines blanked in the kept file (<see cref="BatchFileErasure"/>).</summary>
    private async Task<int> BlankBatchLinesAsync(IReadOnlyList<Assessment> rows, CancellationToken cancellationToken)
    {
        var blanked = 0;
        var container = clients.Container(StorageNames.BatchesContainer);
        foreach (var batch in rows.Where(r => r.BatchId is not null).GroupBy(r => r.BatchId!))
        {
            var lines = batch.Select(r => BatchAssessmentIds.TryParse(r.Id, out _, out var line) ? line : -1).Where(l => l > 0).ToHashSet();
            blanked += await BlankAsync(container.GetBlobClient($"{batch.Key}/input.csv"), lines, cancellationToken);
        }
        return blanked;
    }

    /// <summary>
    /// Rewrites the file with the lines blanked, conditional on the file as read: two erasures of products of one batch at
    /// once each blank their own lines, the later one reading the file again.
    /// </summary>
    private static async Task<int> BlankAsync(Azure.Storage.Blobs.BlobClient blob, IReadOnlySet<long> lines, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            Response<Azure.Storage.Blobs.Models.BlobDownloadResult> file;
            try
            {
                file = await blob.DownloadContentAsync(cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return 0;
            }
            var (text, count) = BatchFileErasure.Blank(Encoding.UTF8.GetString(file.Value.Content.ToMemory().Span), lines);
            if (count == 0) return 0;
            try
            {
                await blob.UploadAsync(BinaryData.FromString(text), new Azure.Storage.Blobs.Models.BlobUploadOptions
                {
                    Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = file.Value.Details.ETag },
                    HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = file.Value.Details.ContentType },
                }, cancellationToken);
                return count;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 10)
            {
                // Changed since it was read (another line blanked): read again.
            }
        }
    }

    public async IAsyncEnumerable<string> ProductsOfCompanyAsync(string companyName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = companyName.Trim();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _assessments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey lt {TallyShards.HiddenPrefix}"), maxPerPage: 1000,
                           select: ["RowKey", "CompanyName", "ProductId"], cancellationToken: cancellationToken))
        {
            if (!string.Equals(row.GetString("CompanyName")?.Trim(), wanted, StringComparison.OrdinalIgnoreCase)) continue;
            var product = row.GetString("ProductId") ?? row.RowKey;
            if (seen.Add(product)) yield return product;
        }
    }

    public async IAsyncEnumerable<string> InactiveSinceAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Latest activity per product: submissions and reviews from the rows (the review in force is copied there), stage moves
        // and action changes by when their rows were last written.
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        void Saw(string product, DateTimeOffset? at)
        {
            if (at is { } t && (!last.TryGetValue(product, out var known) || t > known)) last[product] = t;
        }
        await foreach (var row in _assessments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey lt {TallyShards.HiddenPrefix}"), maxPerPage: 1000,
                           select: ["RowKey", "ProductId", "SubmittedAt", "ReviewedAt", "Timestamp"], cancellationToken: cancellationToken))
        {
            var product = row.GetString("ProductId") ?? row.RowKey;
            Saw(product, row.GetDateTimeOffset("SubmittedAt") ?? row.Timestamp);
            Saw(product, row.GetDateTimeOffset("ReviewedAt"));
        }
        foreach (var table in new[] { _stages, _actions })
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "Timestamp"], maxPerPage: 1000, cancellationToken: cancellationToken))
                if (last.ContainsKey(row.PartitionKey)) Saw(row.PartitionKey, row.Timestamp);
        foreach (var (product, at) in last.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (at < before) yield return product;
    }
}
