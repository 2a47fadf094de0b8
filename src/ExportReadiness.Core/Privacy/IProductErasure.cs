using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Core.Privacy;

/// <summary>
/// Erases a product (every assessment of it and everything derived from them) and answers what is stored about it: the
/// GDPR rights of access, portability and erasure, and the retention limit, all per product.
/// </summary>
public interface IProductErasure
{
    /// <summary>Every assessment of the product (its first and every re-assessment), oldest first; empty for an unknown or erased product.</summary>
    Task<IReadOnlyList<Assessment>> AssessmentsOfAsync(string productId, CancellationToken cancellationToken);

    /// <summary>The product's erasure record, if it was erased (or is being erased).</summary>
    Task<ErasureRecord?> FindAsync(string productId, CancellationToken cancellationToken);

    /// <summary>
    /// The erasure of the product an erased assessment belonged to, if <paramref name="token"/> was that assessment's access
    /// token: how a replayed erasure request (the assessment gone) is answered with the same record. Null otherwise.
    /// </summary>
    Task<ErasureRecord?> ErasedWithTokenAsync(string assessmentId, string token, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the product, recording it first; returns the record. Safe to run again: a replay (or a run after a write that
    /// raced the erasure) removes whatever is left and returns the record of the first run, which is never rewritten
    /// except to complete it.
    /// </summary>
    Task<ErasureRecord> EraseAsync(string productId, ErasureRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The products with an assessment whose company name is <paramref name="companyName"/> (trimmed, case-insensitive):
    /// a scan of the assessments (names are not keys), for an advisor's request, never on a hot path.
    /// </summary>
    IAsyncEnumerable<string> ProductsOfCompanyAsync(string companyName, CancellationToken cancellationToken);

    /// <summary>
    /// Products whose last activity (latest submission, review, stage move or action change) is before
    /// <paramref name="before"/>: a scan of the assessments, stage moves and action plans, for the nightly retention run.
    /// </summary>
    IAsyncEnumerable<string> InactiveSinceAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
