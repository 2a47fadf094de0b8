using System.Runtime.CompilerServices;
using System.Text;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IAssessmentStore"/> in memory, laid out as <c>TableAssessmentStore</c> lays out its tables: rows keyed by
/// programme and id (listed in that order), an id → programme index, a product index for re-assessments, the pending index
/// keyed by the minute submitted and id (the sweep reads it, never the rows' table). It keeps the
/// adapter's rules: an add never overwrites, a replace is conditional on the row's ETag, a filter on a column the row
/// lacks matches nothing (a Pending row is never "not scored by" a model), and the sweep's requeue count lives on the row
/// until a full write replaces the row.
/// </summary>
public sealed class InMemoryAssessmentStore : IAssessmentStore, IProductIndex
{
    private const int ScanPageSize = 1000;
    private readonly InMemoryTable<StoredAssessment> _rows;
    private readonly InMemoryTable<string> _programmeOf;
    private readonly InMemoryTable<ProductIndexRow> _reassessments;
    private readonly InMemoryTable<string> _pendingIndex;

    /// <summary><paramref name="clock"/> is the store's own: it stamps when each row was last written.</summary>
    public InMemoryAssessmentStore(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        _rows = new(clock);
        _programmeOf = new(clock);
        _reassessments = new(clock);
        _pendingIndex = new(clock);
    }

    /// <summary>A product index row: the re-assessment's programme and when it was submitted.</summary>
    private sealed record ProductIndexRow(string Programme, DateTimeOffset SubmittedAt);

    /// <summary>Whether the sweep would find the assessment through the pending index (a test's view of the outbox).</summary>
    public bool IsIndexedAsPending(string id) => _pendingIndex.All().Any(r => r.Key == id);

    /// <summary>A row as stored: the assessment without its version, and the sweep's column beside it.</summary>
    private sealed record StoredAssessment(Assessment Assessment, int Requeues = 0);

    public Task AddAsync(Assessment assessment, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        // The index rows first, as the adapter writes them: a row that exists is always findable by id and product.
        _programmeOf.Upsert("", assessment.Id, assessment.Programme);
        if (assessment.ProductId != assessment.Id) _reassessments.Upsert(assessment.ProductId, assessment.Id, new ProductIndexRow(assessment.Programme, assessment.SubmittedAt));
        if (assessment.Status == AssessmentStatus.Pending) _pendingIndex.Upsert(PendingPartition(assessment.SubmittedAt), assessment.Id, assessment.Programme);
        _rows.TryAdd(assessment.Programme, assessment.Id, new StoredAssessment(AsStored(assessment)));
    });

    public async Task AddManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
    {
        foreach (var assessment in assessments) await AddAsync(assessment, cancellationToken);
    }

    public async Task<Assessment?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await FindManyAsync([new ScoringRequest(id)], cancellationToken)).GetValueOrDefault(id);

    public Task<IReadOnlyDictionary<string, Assessment>> FindManyAsync(IReadOnlyList<ScoringRequest> keys, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Find(keys));

    private IReadOnlyDictionary<string, Assessment> Find(IReadOnlyList<ScoringRequest> keys)
    {
        var found = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => Identifiers.IsValid(k.AssessmentId)).DistinctBy(k => k.AssessmentId))
        {
            // A programme the message names is trusted as the adapter trusts it: a wrong one finds nothing.
            var programme = key.Programme is { } known && Identifiers.IsValid(known) ? known : _programmeOf.Get("", key.AssessmentId)?.Value;
            if (programme is not null && _rows.Get(programme, key.AssessmentId) is { } row) found[row.Key] = Read(row);
        }
        return found;
    }

    public async Task<IReadOnlyList<Assessment>> ProductHistoryAsync(string productId, string? through, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(productId)) return [];
        var reassessments = _reassessments.Partition(productId).Select(r => new ProductHistoryWindow.Reassessment(r.Key, r.Value.Programme, r.Value.SubmittedAt));
        var found = await FindManyAsync(ProductHistoryWindow.Keys(productId, reassessments, through), cancellationToken);
        return ProductHistoryWindow.Of(productId, found.Values);
    }

    public async IAsyncEnumerable<string> ReassessedFromAsync(string fromProductId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var products = await StorageCall.Answer(cancellationToken, () => _reassessments.All().Select(r => r.Partition)
            .Where(p => string.CompareOrdinal(p, fromProductId) >= 0).Distinct().Order(StringComparer.Ordinal).ToList());
        foreach (var product in products) yield return product;
    }

    /// <summary>Every assessment of the product (its own and its re-assessments), oldest first: what an erasure reaches.</summary>
    public IReadOnlyList<Assessment> OfProduct(string productId) =>
        Find([new ScoringRequest(productId), .. _reassessments.Partition(productId).Select(r => new ScoringRequest(r.Key, Programme: r.Value.Programme))])
            .Values.Where(a => a.ProductId == productId).OrderBy(a => a.SubmittedAt).ToList();

    /// <summary>Deletes the product's rows and every index entry of them, as an erasure does; returns the rows deleted.</summary>
    public int RemoveProduct(string productId)
    {
        var rows = OfProduct(productId);
        foreach (var a in rows)
        {
            _rows.Delete(a.Programme, a.Id);
            _pendingIndex.Delete(PendingPartition(a.SubmittedAt), a.Id);
        }
        foreach (var id in rows.Select(a => a.Id).Append(productId)) _programmeOf.Delete("", id);
        foreach (var row in _reassessments.Partition(productId)) _reassessments.Delete(productId, row.Key);
        return rows.Count;
    }

    public Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () => Replace(assessment));

    public Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlySet<string>>(cancellationToken, () => assessments.Where(Replace).Select(a => a.Id).ToHashSet(StringComparer.Ordinal));

    /// <summary>A full write: the requeue count goes with the old row, as a Table Storage replace drops columns it does not name.</summary>
    private bool Replace(Assessment assessment) =>
        _rows.TryReplace(assessment.Programme, assessment.Id, new StoredAssessment(AsStored(assessment)), assessment.ConcurrencyToken).Outcome switch
        {
            TableWrite.Written => true,
            TableWrite.Stale => false,
            // The adapter's 404 is no concurrency outcome either: it throws.
            _ => throw new KeyNotFoundException($"Assessment {assessment.Id} is not stored in programme {assessment.Programme}."),
        };

    public Task<AssessmentPage> ListAsync(AssessmentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => List(query, continuationToken, pageSize));

    private AssessmentPage List(AssessmentQuery query, string? continuationToken, int pageSize)
    {
        var after = continuationToken is null ? ((string, string)?)null : Decode(continuationToken);
        var matches = _rows.All().Where(r => after is not { } from || IsAfterOrAt(r, from)).Where(r => Matches(query, r.Value.Assessment));
        var page = matches.Take(pageSize + 1).ToList();
        var next = page.Count > pageSize ? Encode(page[pageSize]) : null;
        return new AssessmentPage(page.Take(pageSize).Select(Read).ToList(), next);
    }

    /// <summary>Page by page, each page read when it is reached, as the adapter's query does: rows changed meanwhile are seen as they are then.</summary>
    public async IAsyncEnumerable<Assessment> ScanAsync(AssessmentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await ListAsync(query, token, ScanPageSize, cancellationToken);
            foreach (var assessment in page.Items) yield return assessment;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    public Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _rows.All().Count(r => Matches(query, r.Value.Assessment)));

    /// <summary>
    /// The adapter's sweep: the index entries submitted up to the cutoff's minute and written by then, each row read by key;
    /// entries of rows settled, or missing for an hour (their writer may be between the entry and the row), are deleted.
    /// </summary>
    public async IAsyncEnumerable<PendingAssessment> PendingAsync(DateTimeOffset writtenBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var upTo = PendingPartition(writtenBefore);
        var orphanBefore = writtenBefore < DateTimeOffset.MinValue + OrphanAge ? DateTimeOffset.MinValue : writtenBefore - OrphanAge;
        foreach (var entry in _pendingIndex.All().Where(e => string.CompareOrdinal(e.Partition, upTo) <= 0 && e.Timestamp <= writtenBefore))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = _rows.Get(entry.Value, entry.Key);
            if (row is null && entry.Timestamp > orphanBefore) continue;
            if (row is not null && row.Value.Assessment.Status == AssessmentStatus.Pending)
            {
                // When the row was last written, not SubmittedAt: a batch row carries its upload time but is written later.
                if (row.Timestamp <= writtenBefore) yield return new PendingAssessment(row.Key, row.Partition, row.Timestamp, row.Value.Requeues, row.ETag);
                continue;
            }
            _pendingIndex.Delete(entry.Partition, entry.Key);
        }
        await Task.CompletedTask;
    }

    public Task ForgetPendingAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        foreach (var assessment in settled) _pendingIndex.Delete(PendingPartition(assessment.SubmittedAt), assessment.Id);
    });

    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    private static string PendingPartition(DateTimeOffset submittedAt) => submittedAt.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);

    public Task<bool> TryMarkRequeuedAsync(PendingAssessment pending, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _rows.TryUpdate(pending.Programme, pending.Id, stored => stored with { Requeues = pending.Requeues + 1 }, pending.ConcurrencyToken).Outcome
            == TableWrite.Written);

    /// <summary>Keeps no tallies: builds them from the rows on each read, as the reconcile does (every programme, so products re-assessed in another count whole).</summary>
    public Task<IReadOnlyList<TallyCell>> TalliesAsync(string? programme, CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () =>
    {
        var builder = new TallyBuilder();
        foreach (var row in _rows.All()) builder.Add(row.Value.Assessment);
        IReadOnlyList<TallyCell> cells = builder.Build((first, figures) => first.ProductFigures is { } kept
                ? figures with { Cohort = kept.Cohort, Furthest = kept.Furthest, CompletedDays = kept.CompletedDays }
                : figures)
            .Where(c => programme is null || c.Programme == programme).ToList();
        return cells;
    });

    public Task<IReadOnlyList<string>> TalliedProgrammesAsync(CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<string>>(cancellationToken, () => _rows.All().Select(r => r.Partition).Distinct().ToList());

    public async Task<TallySnapshot> TallySnapshotAsync(string programme, CancellationToken cancellationToken) =>
        new(programme, await TalliesAsync(programme, cancellationToken), "");

    /// <summary>Nothing kept to replace: the tallies are built from the rows on each read.</summary>
    public Task<bool> ReplaceTalliesAsync(TallySnapshot seen, IReadOnlyList<TallyCell> cells, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => true);

    public Task<bool> UpdateProductFiguresAsync(string productId, Func<Assessment, ProductFigures, ProductFigures> change, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () =>
        {
            if (!Identifiers.IsValid(productId) || _programmeOf.Get("", productId)?.Value is not { } programme) return false;
            return _rows.TryUpdate(programme, productId, stored => stored with
            {
                Assessment = stored.Assessment with { ProductFigures = change(stored.Assessment, stored.Assessment.ProductFigures ?? ProductFigures.Of(stored.Assessment)) },
            }, null).Outcome == TableWrite.Written;
        });

    /// <summary>The adapter's filter: a condition on a column the row lacks (no result, no review, no batch) is false.</summary>
    public static bool Matches(AssessmentQuery q, Assessment a) =>
        (q.Programme is null || a.Programme == q.Programme)
        && (q.Level is not { } level || a.Result?.Level == level)
        && (q.Sector is null || a.Company.Sector == q.Sector)
        && (q.Region is null || a.Company.Region == q.Region)
        && (q.Status is not { } status || a.Status == status)
        && (q.Verdict is not { } verdict || a.Review?.Verdict == verdict)
        && (q.NotScoredBy is null || (a.Result is { } result && result.ModelVersion != q.NotScoredBy))
        && (q.BatchId is null || a.BatchId == q.BatchId);

    /// <summary>What the row keeps: the review's copy carries neither its own version nor another id (the mapper writes neither).</summary>
    private static Assessment AsStored(Assessment a) => a with
    {
        ConcurrencyToken = null,
        Review = a.Review is { } review ? review with { AssessmentId = a.Id, ConcurrencyToken = null } : null,
    };

    private static Assessment Read(InMemoryTable<StoredAssessment>.Row row) => row.Value.Assessment with { ConcurrencyToken = row.ETag };

    private static bool IsAfterOrAt(InMemoryTable<StoredAssessment>.Row row, (string Partition, string Key) from) =>
        string.CompareOrdinal(row.Partition, from.Partition) is var byPartition && (byPartition > 0 || (byPartition == 0 && string.CompareOrdinal(row.Key, from.Key) >= 0));

    /// <summary>The next page's first key, opaque to callers as Table Storage's tokens are.</summary>
    private static string Encode(InMemoryTable<StoredAssessment>.Row next) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{next.Partition}\n{next.Key}"));

    private static (string, string) Decode(string token)
    {
        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n', 2);
        return (parts[0], parts[1]);
    }
}
