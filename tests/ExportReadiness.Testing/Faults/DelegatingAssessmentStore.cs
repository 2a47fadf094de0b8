using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Testing.Faults;

/// <summary>
/// An assessment store that passes every call to a real one: a test overrides the one call it makes fail, so the app
/// around it runs as it does in production.
/// </summary>
public abstract class DelegatingAssessmentStore(IAssessmentStore inner) : IAssessmentStore
{
    public virtual Task AddAsync(Assessment assessment, CancellationToken cancellationToken) => inner.AddAsync(assessment, cancellationToken);

    public virtual Task AddManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken) => inner.AddManyAsync(assessments, cancellationToken);

    public virtual Task<Assessment?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    public virtual Task<IReadOnlyList<Assessment>> ProductHistoryAsync(string productId, string? through, CancellationToken cancellationToken) =>
        inner.ProductHistoryAsync(productId, through, cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, Assessment>> FindManyAsync(IReadOnlyList<ScoringRequest> keys, CancellationToken cancellationToken) =>
        inner.FindManyAsync(keys, cancellationToken);

    public virtual Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken) => inner.TryReplaceAsync(assessment, cancellationToken);

    public virtual Task<AssessmentPage> ListAsync(AssessmentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListAsync(query, continuationToken, pageSize, cancellationToken);

    public virtual IAsyncEnumerable<Assessment> ScanAsync(AssessmentQuery query, CancellationToken cancellationToken) => inner.ScanAsync(query, cancellationToken);

    public virtual Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

    public virtual Task<int> ScoredInBatchAsync(string programme, string batchId, CancellationToken cancellationToken) =>
        inner.ScoredInBatchAsync(programme, batchId, cancellationToken);

    public virtual Task<IReadOnlyList<TallyCell>?> DestinationAsOfAsync(string programme, DateOnly asOf, CancellationToken cancellationToken) =>
        inner.DestinationAsOfAsync(programme, asOf, cancellationToken);

    public virtual Task ReplaceDatedDestinationsAsync(DatedDestinations dated, CancellationToken cancellationToken) =>
        inner.ReplaceDatedDestinationsAsync(dated, cancellationToken);

    public virtual Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken) =>
        inner.ReplaceManyAsync(assessments, cancellationToken);

    public virtual IAsyncEnumerable<PendingAssessment> PendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
        inner.PendingAsync(writtenBefore, cancellationToken);

    public virtual Task ForgetPendingAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken) =>
        inner.ForgetPendingAsync(settled, cancellationToken);

    public virtual Task ForgetPendingSlicesAsync(IReadOnlyList<Assessment> slices, CancellationToken cancellationToken) =>
        inner.ForgetPendingSlicesAsync(slices, cancellationToken);

    public virtual Task<bool> TryMarkRequeuedAsync(PendingAssessment pending, CancellationToken cancellationToken) =>
        inner.TryMarkRequeuedAsync(pending, cancellationToken);

    public virtual Task<bool> UpdateProductFiguresAsync(string productId, Func<Assessment, Core.Reports.ProductFigures, Core.Reports.ProductFigures> change, CancellationToken cancellationToken) =>
        inner.UpdateProductFiguresAsync(productId, change, cancellationToken);

    public virtual Task<IReadOnlyList<string>> TalliedProgrammesAsync(CancellationToken cancellationToken) => inner.TalliedProgrammesAsync(cancellationToken);

    public virtual Task<Core.Reports.TallySnapshot> TallySnapshotAsync(string programme, CancellationToken cancellationToken) =>
        inner.TallySnapshotAsync(programme, cancellationToken);

    public virtual Task<bool> ReplaceTalliesAsync(Core.Reports.TallySnapshot seen, IReadOnlyList<Core.Reports.TallyCell> cells, CancellationToken cancellationToken) =>
        inner.ReplaceTalliesAsync(seen, cells, cancellationToken);

    public virtual Task<IReadOnlyList<Core.Reports.TallyCell>> TalliesAsync(string? programme, CancellationToken cancellationToken) =>
        inner.TalliesAsync(programme, cancellationToken);
}
