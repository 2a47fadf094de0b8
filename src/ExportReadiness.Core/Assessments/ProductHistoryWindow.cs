namespace ExportReadiness.Core.Assessments;

/// <summary>
/// Which assessments a product's history reads, chosen from the product index alone: the product's first assessment
/// (its id is the product id, and it dates the product's start in the funnel) and its latest re-assessments,
/// <see cref="Limit"/> in all. A history so costs a key-only query of the index and at most <see cref="Limit"/> point
/// reads, however often the product was re-assessed.
/// </summary>
public static class ProductHistoryWindow
{
    /// <summary>The most assessments one history read returns: the first and the latest <c>Limit - 1</c> re-assessments.</summary>
    public const int Limit = 20;

    /// <summary>A product index row: a re-assessment's id, its programme (the row's partition) and when it was submitted.</summary>
    public sealed record Reassessment(string Id, string? Programme, DateTimeOffset SubmittedAt);

    /// <summary>
    /// The keys to read: the product's own assessment, then the latest re-assessments (by submission time, then id); with
    /// <paramref name="through"/>, the latest up to and including that one, so an older assessment still finds the ones
    /// just before it.
    /// </summary>
    public static IReadOnlyList<ScoringRequest> Keys(string productId, IEnumerable<Reassessment> reassessments, string? through)
    {
        var ordered = reassessments.Where(r => r.Id != productId)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var end = through == productId ? 0 : ordered.FindIndex(r => r.Id == through) + 1;
        if (end > 0 || through == productId) ordered.RemoveRange(end, ordered.Count - end);
        return ordered.TakeLast(Limit - 1).Select(r => new ScoringRequest(r.Id, Programme: r.Programme))
            .Prepend(new ScoringRequest(productId)).ToList();
    }

    /// <summary>
    /// The history from the rows read, oldest first. The first assessment's id is the product id, but the id of a
    /// re-assessment is not a product: only rows that name this product count.
    /// </summary>
    public static IReadOnlyList<Assessment> Of(string productId, IEnumerable<Assessment> found) =>
        found.Where(a => a.ProductId == productId).OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
}
