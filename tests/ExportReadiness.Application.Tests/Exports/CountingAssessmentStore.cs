using System.Runtime.CompilerServices;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Application.Tests.Exports;

/// <summary>
/// The assessment store with a count of what a handler has taken from it: assessments its scans yielded and rows its
/// lookups returned, so a test can see how much an export had read when its first byte went out.
/// </summary>
public sealed class CountingAssessmentStore(IAssessmentStore inner) : IAssessmentStore
{
    private long _read;

    public long Read => Interlocked.Read(ref _read);

    private T Counted<T>(T rows, int count)
    {
        Interlocked.Add(ref _read, count);
        return rows;
    }

    public async IAsyncEnumerable<Assessment> ScanAsync(AssessmentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in inner.ScanAsync(query, cancellationToken)) yield return Counted(a, 1);
    }

    public async Task<IReadOnlyList<Assessment>> ProductHistoryAsync(string productId, string? through, CancellationToken cancellationToken) =>
        await inner.ProductHistoryAsync(productId, through, cancellationToken) is var history ? Counted(history, history.Count) : [];

    public async Task<IReadOnlyDictionary<string, Assessment>> FindManyAsync(IReadOnlyList<ScoringRequest> keys, CancellationToken cancellationToken) =>
        await inner.FindManyAsync(keys, cancellationToken) is var found ? Counted(found, found.Count) : throw new InvalidOperationException();

    public async Task<Assessment?> FindAsync(string id, CancellationToken cancellationToken) =>
        await inner.FindAsync(id, cancellationToken) is { } found ? Counted(found, 1) : null;

    public async Task<AssessmentPage> ListAsync(AssessmentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        await inner.ListAsync(query, continuationToken, pageSize, cancellationToken) is var page ? Counted(page, page.Items.Count) : throw new InvalidOperationException();

    public Task AddAsync(Assessment assessment, CancellationToken cancellationToken) => inner.AddAsync(assessment, cancellationToken);

    public Task AddManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken) => inner.AddManyAsync(assessments, cancellationToken);

    public Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken) => inner.TryReplaceAsync(assessment, cancellationToken);

    public Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

    public Task<int> ScoredInBatchAsync(string programme, string batchId, CancellationToken cancellationToken) =>
        inner.ScoredInBatchAsync(programme, batchId, cancellationToken);

    public Task<IReadOnlyList<TallyCell>?> DestinationAsOfAsync(string programme, DateOnly asOf, CancellationToken cancellationToken) =>
        inner.DestinationAsOfAsync(programme, asOf, cancellationToken);

    public Task ReplaceDatedDestinationsAsync(DatedDestinations dated, CancellationToken cancellationToken) =>
        inner.ReplaceDatedDestinationsAsync(dated, cancellationToken);

    public Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken) =>
        inner.ReplaceManyAsync(assessments, cancellationToken);

    public Task<bool> UpdateProductFiguresAsync(string productId, Func<Assessment, ProductFigures, ProductFigures> change, CancellationToken cancellationToken) =>
        inner.UpdateProductFiguresAsync(productId, change, cancellationToken);

    public Task<IReadOnlyList<TallyCell>> TalliesAsync(string? programme, CancellationToken cancellationToken) => inner.TalliesAsync(programme, cancellationToken);

    public Task<IReadOnlyList<string>> TalliedProgrammesAsync(CancellationToken cancellationToken) => inner.TalliedProgrammesAsync(cancellationToken);

    public Task<TallySnapshot> TallySnapshotAsync(string programme, CancellationToken cancellationToken) => inner.TallySnapshotAsync(programme, cancellationToken);

    public Task<bool> ReplaceTalliesAsync(TallySnapshot seen, IReadOnlyList<TallyCell> cells, CancellationToken cancellationToken) =>
        inner.ReplaceTalliesAsync(seen, cells, cancellationToken);

    public IAsyncEnumerable<PendingAssessment> PendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
        inner.PendingAsync(writtenBefore, cancellationToken);

    public Task ForgetPendingAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken) => inner.ForgetPendingAsync(settled, cancellationToken);

    public Task ForgetPendingSlicesAsync(IReadOnlyList<Assessment> slices, CancellationToken cancellationToken) => inner.ForgetPendingSlicesAsync(slices, cancellationToken);

    public Task<bool> TryMarkRequeuedAsync(PendingAssessment pending, CancellationToken cancellationToken) => inner.TryMarkRequeuedAsync(pending, cancellationToken);
}
