using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

public sealed partial class TableAssessmentStore : IAssessmentStore
{
    private const string ProgrammeProperty = "Programme";
    private const string SubmittedAtProperty = "SubmittedAt";
    private readonly TableClient _assessments;
    private readonly TableClient _index;
    private readonly TableClient _products;
    private readonly PendingScoringIndex _pending;
    private readonly TallyShards _tallies;
    private readonly TalliedWrites _writes;
    private readonly DatedDestinationRows _dated;

    public TableAssessmentStore(StorageClients clients)
    {
        _assessments = clients.Table(StorageNames.AssessmentsTable);
        _index = clients.Table(StorageNames.AssessmentIndexTable);
        _products = clients.Table(StorageNames.ProductIndexTable);
        _pending = new PendingScoringIndex(clients);
        _tallies = new TallyShards(_assessments, clients.Table(StorageNames.TalliedProgrammesTable));
        _writes = new TalliedWrites(_assessments, _tallies, (id, ct) => ProgrammeOfAsync(id, ct));
        _dated = new DatedDestinationRows(_assessments);
    }

    public async Task AddAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        // The index rows first: a row that exists is always findable by id, and by its product, and a Pending one by the sweep.
        await Task.WhenAll(
            _index.UpsertEntityAsync(IndexEntity(assessment), TableUpdateMode.Replace, cancellationToken),
            _pending.AddAsync([assessment], cancellationToken));
        // A first assessment is found by its id, which is the product id: only re-assessments need a product row.
        if (assessment.ProductId != assessment.Id)
            await _products.UpsertEntityAsync(ProductEntity(assessment), TableUpdateMode.Replace, cancellationToken);
        await AddRowAsync(assessment, cancellationToken);
    }

    public async Task AddManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        // The index transactions at once (no two touch one entity), all before the rows. Re-assessments (a batch row naming
        // its product) are found by their product too, before their rows exist, as in AddAsync. A batch's rows share their
        // upload time, so their pending-index entries one partition: a transaction per 100.
        await Task.WhenAll([
            .. TableKeys.InTransactions(IndexEntities(assessments)).Select(chunk => Submit(_index, chunk, TableTransactionActionType.UpsertMerge, cancellationToken)),
            .. TableKeys.InTransactions(assessments.Where(a => a.ProductId != a.Id).Select(ProductEntity))
                .Select(chunk => Submit(_products, chunk, TableTransactionActionType.UpsertReplace, cancellationToken)),
            _pending.AddAsync(assessments, cancellationToken)]);
        // Existing rows are left as they are (a re-run): only the new ones are written and counted.
        await _writes.WriteAsync(assessments.Select(a => a with { ConcurrencyToken = null }).ToList(), add: true, cancellationToken);
    }

    public async Task<Assessment?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await FindManyAsync([new ScoringRequest(id)], cancellationToken)).GetValueOrDefault(id);

    public async Task<IReadOnlyDictionary<string, Assessment>> FindManyAsync(IReadOnlyList<ScoringRequest> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        var located = new List<(string Programme, string Id)>();
        foreach (var key in keys.Where(k => TableKeys.IsValid(k.AssessmentId)).DistinctBy(k => k.AssessmentId))
        {
            if (key.Programme is { } known && TableKeys.IsValid(known)) located.Add((known, key.AssessmentId));
            else if (await ProgrammeOfAsync(key.AssessmentId, cancellationToken) is { } programme) located.Add((programme, key.AssessmentId));
        }
        // A batch's slice (many ids of one programme sharing the batch's prefix, consecutive lines): one range query of
        // the partition instead of a point read each. Anything else: point reads, concurrently, the cheapest read Table
        // Storage has (a filtered query with many RowKey alternatives scans the partition).
        var ranged = located.GroupBy(l => (l.Programme, Prefix: l.Id.Length > RangePrefix ? l.Id[..RangePrefix] : l.Id))
            .Where(g => g.Count() >= MinRangeIds).ToList();
        var rangedIds = ranged.SelectMany(g => g).ToHashSet();
        var ranges = await Task.WhenAll(ranged.Select(g => RangeAsync(g.Key.Programme, g.Select(l => l.Id).ToHashSet(StringComparer.Ordinal), cancellationToken)));
        foreach (var row in ranges.SelectMany(r => r)) found[row.RowKey] = Read(row);
        var rows = await Task.WhenAll(located.Where(l => !rangedIds.Contains(l))
            .Select(l => _assessments.GetEntityIfExistsAsync<TableEntity>(l.Programme, l.Id, cancellationToken: cancellationToken)));
        foreach (var row in rows.Where(r => r.HasValue)) found[row.Value!.RowKey] = Read(row.Value);
        return found;
    }

    private const int RangePrefix = 16, MinRangeIds = 8, MaxRangeSpan = 1000;

    /// <summary>
    /// The rows of <paramref name="ids"/> (one prefix, one programme) by a query of the key range from the least to the
    /// greatest; rows between them that were not asked for are dropped. A range wider than a slice (ids far apart) is
    /// read only up to <see cref="MaxRangeSpan"/> rows, and the ids past that point-read.
    /// </summary>
    private async Task<List<TableEntity>> RangeAsync(string programme, HashSet<string> ids, CancellationToken cancellationToken)
    {
        var ordered = ids.Order(StringComparer.Ordinal).ToList();
        var rows = new List<TableEntity>(ids.Count);
        var seen = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {ordered[0]} and RowKey le {ordered[^1]}");
        await foreach (var row in _assessments.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (ids.Remove(row.RowKey)) rows.Add(row);
            if (++seen >= MaxRangeSpan) break;
        }
        var rest = await Task.WhenAll(ids.Select(id => _assessments.GetEntityIfExistsAsync<TableEntity>(programme, id, cancellationToken: cancellationToken)));
        rows.AddRange(rest.Where(r => r.HasValue).Select(r => r.Value!));
        return rows;
    }

    /// <remarks>
    /// One key-only query of the product's <c>ProductIndex</c> partition (a page per 1000 re-assessments), then point
    /// reads of the window only: at most <see cref="ProductHistoryWindow.Limit"/>, plus the first assessment's id lookup.
    /// Index rows written before they carried <c>SubmittedAt</c> are placed by when they were written.
    /// </remarks>
    public async Task<IReadOnlyList<Assessment>> ProductHistoryAsync(string productId, string? through, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(productId)) return [];
        var reassessments = new List<ProductHistoryWindow.Reassessment>();
        await foreach (var row in _products.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {productId}"), maxPerPage: 1000,
                           select: ["RowKey", ProgrammeProperty, SubmittedAtProperty, "Timestamp"], cancellationToken: cancellationToken))
            reassessments.Add(new(row.RowKey, row.GetString(ProgrammeProperty), row.GetDateTimeOffset(SubmittedAtProperty) ?? row.Timestamp ?? default));
        var found = await FindManyAsync(ProductHistoryWindow.Keys(productId, reassessments, through), cancellationToken);
        return ProductHistoryWindow.Of(productId, found.Values);
    }

    /// <summary>
    /// The index is partitioned by the id's first 16 characters: a batch's ids share them (one transaction per
    /// 100 rows), a web submission's time-ordered Guid gets a partition of its own.
    /// </summary>
    internal static string IndexPartition(string id) => id.Length > 16 ? id[..16] : id;

    private static TableEntity IndexEntity(Assessment a) => new(IndexPartition(a.Id), a.Id) { [ProgrammeProperty] = a.Programme };

    /// <summary>
    /// A web submission's entry is its own; a batch's rows share one entry per slice of a hundred lines (RowKey the slice
    /// key, a property per line naming its programme), merged into whatever the slice's entry holds already: a tenth of a
    /// batch's index writes were one small entity each.
    /// </summary>
    private static IEnumerable<TableEntity> IndexEntities(IEnumerable<Assessment> assessments)
    {
        foreach (var slice in assessments.GroupBy(a => a.BatchId is not null && BatchAssessmentIds.TrySliceKey(a.Id, out var key, out _) ? key : ""))
        {
            if (slice.Key.Length == 0)
            {
                foreach (var a in slice) yield return IndexEntity(a);
                continue;
            }
            var entry = new TableEntity(IndexPartition(slice.First().Id), slice.Key);
            foreach (var a in slice)
                if (BatchAssessmentIds.TryParse(a.Id, out _, out var line)) entry[LineProperty(line)] = a.Programme;
            yield return entry;
        }
    }

    internal static string LineProperty(long line) => "L" + (line % BatchAssessmentIds.SliceLines).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    private static Task Submit(TableClient table, TableEntity[] chunk, TableTransactionActionType action, CancellationToken cancellationToken) =>
        table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(action, e)), cancellationToken);

    private static TableEntity ProductEntity(Assessment a) =>
        new(a.ProductId, a.Id) { [ProgrammeProperty] = a.Programme, [SubmittedAtProperty] = a.SubmittedAt };

    /// <remarks>A batch row's id is looked up in its slice's entry first, then (rows indexed before slices were) its own.</remarks>
    internal async Task<string?> ProgrammeOfAsync(string id, CancellationToken cancellationToken)
    {
        if (BatchAssessmentIds.TrySliceKey(id, out var slice, out var line)
            && await _index.GetEntityIfExistsAsync<TableEntity>(IndexPartition(id), slice, [LineProperty(line)], cancellationToken) is { HasValue: true } entry
            && entry.Value!.GetString(LineProperty(line)) is { } programme)
            return programme;
        var index = await _index.GetEntityIfExistsAsync<TableEntity>(IndexPartition(id), id, cancellationToken: cancellationToken);
        return index.HasValue ? index.Value!.GetString(ProgrammeProperty) : null;
    }

    private Task AddRowAsync(Assessment assessment, CancellationToken cancellationToken) =>
        _writes.WriteAsync([assessment with { ConcurrencyToken = null }], add: true, cancellationToken);

    /// <summary>Deletes rows of one programme with their part of its tallies (an erasure: <see cref="TalliedWrites.EraseAsync"/>).</summary>
    internal async Task<int> EraseRowsAsync(string programme, IReadOnlyList<string> ids, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        // The kept days still count the erased product: earlier days are scanned until the next reconcile writes them anew.
        await _dated.ForgetAsync(programme, erasedAt, cancellationToken);
        return await _writes.EraseAsync(programme, ids, cancellationToken);
    }

    public async Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken) =>
        (await _writes.WriteAsync([assessment], add: false, cancellationToken)).Contains(assessment.Id);

    /// <summary>A row as read, remembered with its ETag so that writing it back needs no second read for the tallies.</summary>
    private Assessment Read(TableEntity entity)
    {
        var assessment = AssessmentEntityMapper.FromEntity(entity);
        _writes.Remember(assessment);
        return assessment;
    }

    public async Task<AssessmentPage> ListAsync(AssessmentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var filter = AssessmentQueryFilter.Of(query);
        // A filtered table query may return empty pages that still carry a token; skip a few of those.
        for (var hop = 0; hop < 10; hop++)
        {
            await foreach (var page in _assessments.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken)
                               .AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
            {
                if (page.Values.Count > 0 || page.ContinuationToken is null)
                    return new AssessmentPage(page.Values.Select(Read).ToList(), page.ContinuationToken);
                continuationToken = page.ContinuationToken;
                break;
            }
        }
        return new AssessmentPage([], continuationToken);
    }

    public async IAsyncEnumerable<Assessment> ScanAsync(AssessmentQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Not remembered for a later write: scans feed reports and exports, which write nothing, and remembering (with
        // each first assessment's destination figures worked out) a whole programme's rows cost CPU and evicted the rows
        // the scorers had just read.
        await foreach (var entity in _assessments.QueryAsync<TableEntity>(AssessmentQueryFilter.Of(query), 1000, cancellationToken: cancellationToken))
            yield return AssessmentEntityMapper.FromEntity(entity);
    }

    /// <summary>Four columns of each scored row instead of about thirty (the answers, figures and results the matcher never reads).</summary>
    public async IAsyncEnumerable<ProductGaps> ScanGapsAsync(AssessmentQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _assessments.QueryAsync<TableEntity>(AssessmentQueryFilter.Of(query with { Status = AssessmentStatus.Scored }), 1000, AssessmentEntityMapper.GapColumns, cancellationToken))
            if (AssessmentEntityMapper.GapsOf(entity) is { } gaps) yield return gaps;
    }

    public async Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in _assessments.QueryAsync<TableEntity>(AssessmentQueryFilter.Of(query), 1000, select: ["RowKey"], cancellationToken: cancellationToken)) count++;
        return count;
    }

    /// <summary>The batch's count rows beside the programme's tally shards (<see cref="TallyShards.BatchCount"/>): one query.</summary>
    public Task<int> ScoredInBatchAsync(string programme, string batchId, CancellationToken cancellationToken) =>
        TableKeys.IsValid(programme) && TableKeys.IsValid(batchId) ? _tallies.ScoredInBatchAsync(programme, batchId, cancellationToken) : Task.FromResult(0);

    public Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken) =>
        _writes.WriteAsync(assessments, add: false, cancellationToken);

    public Task<bool> UpdateProductFiguresAsync(string productId, Func<Assessment, ProductFigures, ProductFigures> change, CancellationToken cancellationToken) =>
        TableKeys.IsValid(productId) ? _writes.UpdateProductAsync(productId, change, cancellationToken) : Task.FromResult(false);

    /// <summary>Through the pending index (<see cref="PendingScoringIndex"/>): never a query of the Assessments table.</summary>
    public IAsyncEnumerable<PendingAssessment> PendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
        _pending.DueAsync(_assessments, writtenBefore, RequeuesProperty, cancellationToken);

    public Task ForgetPendingAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken) => _pending.ForgetAsync(settled, cancellationToken);

    public Task ForgetPendingSlicesAsync(IReadOnlyList<Assessment> slices, CancellationToken cancellationToken) => _pending.ForgetSlicesAsync(slices, cancellationToken);

    public async Task<bool> TryMarkRequeuedAsync(PendingAssessment pending, CancellationToken cancellationToken)
    {
        try
        {
            // Merge: the row keeps everything else; the ETag keeps a row scored meanwhile from being touched.
            await _assessments.UpdateEntityAsync(new TableEntity(pending.Programme, pending.Id) { [RequeuesProperty] = pending.Requeues + 1 },
                new ETag(pending.ConcurrencyToken), TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>How often a Pending row's scoring message was re-sent; a sweep-only column the mapper leaves alone.</summary>
    private const string RequeuesProperty = "Requeues";
}
