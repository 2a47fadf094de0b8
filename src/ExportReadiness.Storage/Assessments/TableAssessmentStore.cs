using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage.Assessments;

public sealed class TableAssessmentStore(StorageClients clients) : IAssessmentStore
{
    private const string ProgrammeProperty = "Programme";
    private const string SubmittedAtProperty = "SubmittedAt";
    private readonly TableClient _assessments = clients.Table(StorageNames.AssessmentsTable);
    private readonly TableClient _index = clients.Table(StorageNames.AssessmentIndexTable);
    private readonly TableClient _products = clients.Table(StorageNames.ProductIndexTable);
    private readonly PendingScoringIndex _pending = new(clients);

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
        foreach (var chunk in assessments.GroupBy(a => IndexPartition(a.Id)).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
            await _index.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexEntity(a))), cancellationToken);
        // Re-assessments (a batch row naming its product) are found by their product too, before their rows exist, as in AddAsync.
        foreach (var chunk in assessments.Where(a => a.ProductId != a.Id).GroupBy(a => a.ProductId).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
            await _products.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ProductEntity(a))), cancellationToken);
        // A batch's rows share their upload time, so their pending-index entries one partition: a transaction per 100.
        await _pending.AddAsync(assessments, cancellationToken);
        foreach (var chunk in assessments.GroupBy(a => a.Programme).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
        {
            try
            {
                await _assessments.SubmitTransactionAsync(
                    chunk.Select(a => new TableTransactionAction(TableTransactionActionType.Add, AssessmentEntityMapper.ToEntity(a with { ConcurrencyToken = null }))),
                    cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // A re-run: some rows exist (maybe scored already). Add the rest one by one, never overwrite.
                foreach (var assessment in chunk) await AddRowAsync(assessment, cancellationToken);
            }
        }
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
        // Point reads, concurrently: the cheapest read Table Storage has, and indexed in Azurite too
        // (a filtered query with many RowKey alternatives scans the partition there).
        var rows = await Task.WhenAll(located.Select(l => _assessments.GetEntityIfExistsAsync<TableEntity>(l.Programme, l.Id, cancellationToken: cancellationToken)));
        foreach (var row in rows.Where(r => r.HasValue)) found[row.Value!.RowKey] = AssessmentEntityMapper.FromEntity(row.Value);
        return found;
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

    private static TableEntity ProductEntity(Assessment a) =>
        new(a.ProductId, a.Id) { [ProgrammeProperty] = a.Programme, [SubmittedAtProperty] = a.SubmittedAt };

    private async Task<string?> ProgrammeOfAsync(string id, CancellationToken cancellationToken)
    {
        var index = await _index.GetEntityIfExistsAsync<TableEntity>(IndexPartition(id), id, cancellationToken: cancellationToken);
        return index.HasValue ? index.Value!.GetString(ProgrammeProperty) : null;
    }

    private async Task AddRowAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        try
        {
            await _assessments.AddEntityAsync(AssessmentEntityMapper.ToEntity(assessment with { ConcurrencyToken = null }), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
    }

    public async Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        var entity = AssessmentEntityMapper.ToEntity(assessment);
        try
        {
            await _assessments.UpdateEntityAsync(entity, entity.ETag == default ? ETag.All : entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<AssessmentPage> ListAsync(AssessmentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var filter = Filter(query);
        // A filtered table query may return empty pages that still carry a token; skip a few of those.
        for (var hop = 0; hop < 10; hop++)
        {
            await foreach (var page in _assessments.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken)
                               .AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
            {
                if (page.Values.Count > 0 || page.ContinuationToken is null)
                    return new AssessmentPage(page.Values.Select(AssessmentEntityMapper.FromEntity).ToList(), page.ContinuationToken);
                continuationToken = page.ContinuationToken;
                break;
            }
        }
        return new AssessmentPage([], continuationToken);
    }

    public async IAsyncEnumerable<Assessment> ScanAsync(AssessmentQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _assessments.QueryAsync<TableEntity>(Filter(query), 1000, cancellationToken: cancellationToken))
            yield return AssessmentEntityMapper.FromEntity(entity);
    }

    public async Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in _assessments.QueryAsync<TableEntity>(Filter(query), 1000, select: ["RowKey"], cancellationToken: cancellationToken)) count++;
        return count;
    }

    public async Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in assessments.GroupBy(a => a.Programme).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
        {
            var actions = chunk.Select(a => AssessmentEntityMapper.ToEntity(a))
                .Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, e.ETag == default ? ETag.All : e.ETag))
                .ToList();
            try
            {
                await _assessments.SubmitTransactionAsync(actions, cancellationToken);
                written.UnionWith(chunk.Select(a => a.Id));
            }
            catch (TableTransactionFailedException)
            {
                // One row changed under us: fall back to row by row so the others still land.
                foreach (var assessment in chunk)
                    if (await TryReplaceAsync(assessment, cancellationToken)) written.Add(assessment.Id);
            }
        }
        return written;
    }

    /// <summary>Through the pending index (<see cref="PendingScoringIndex"/>): never a query of the Assessments table.</summary>
    public IAsyncEnumerable<PendingAssessment> PendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
        _pending.DueAsync(_assessments, writtenBefore, RequeuesProperty, cancellationToken);

    public Task ForgetPendingAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken) => _pending.ForgetAsync(settled, cancellationToken);

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

    internal static string? Filter(AssessmentQuery q)
    {
        var parts = new List<string>();
        if (q.Programme is not null) parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {q.Programme}"));
        if (q.Level is { } level) parts.Add(TableClient.CreateQueryFilter($"Level eq {level.ToString()}"));
        if (q.Sector is not null) parts.Add(TableClient.CreateQueryFilter($"Sector eq {q.Sector}"));
        if (q.Region is not null) parts.Add(TableClient.CreateQueryFilter($"Region eq {q.Region}"));
        if (q.Status is { } status) parts.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        if (q.Verdict is { } verdict) parts.Add(TableClient.CreateQueryFilter($"ReviewVerdict eq {verdict.ToString()}"));
        if (q.NotScoredBy is not null) parts.Add(TableClient.CreateQueryFilter($"ModelVersion ne {q.NotScoredBy}"));
        if (q.BatchId is not null) parts.Add(TableClient.CreateQueryFilter($"BatchId eq {q.BatchId}"));
        if (q.SubmittedFrom is { } from) parts.Add(TableClient.CreateQueryFilter($"SubmittedAt ge {from}"));
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }
}
