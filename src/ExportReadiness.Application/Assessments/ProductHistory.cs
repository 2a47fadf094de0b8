using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Application.Assessments;

/// <summary>One assessment of a product as its history lists it: when, and what it scored.</summary>
public sealed record HistoryEntry(
    string Id, DateTimeOffset SubmittedAt, AssessmentStatus Status, int? ReadinessScore, ReadinessLevel? Level, IReadOnlyList<DimensionScore> Dimensions);

/// <summary>
/// The wire shape of <c>GET /api/products/{productId}</c>: a page of the product's assessments, oldest first. The first
/// page holds its first and its latest re-assessments, <see cref="ProductHistoryWindow.Limit"/> at most; each page after
/// (<c>?before=</c>) the re-assessments just before the oldest one shown, so a walk lists every assessment once.
/// </summary>
public sealed record ProductView(string ProductId, string CompanyName, string ProductName, IReadOnlyList<HistoryEntry> Assessments)
{
    /// <summary>True when the page is full: older re-assessments may be left out (<see cref="Next"/> reads them).</summary>
    public bool Capped { get; init; }

    /// <summary>The link to the page of older re-assessments while there may be some; null at the product's start.</summary>
    public string? Next { get; init; }

    /// <summary>Where the product stands in the funnel: current stage, every stay, days per stage.</summary>
    public Funnel.ProductStageView? Stages { get; init; }
}

/// <summary>What changed in one dimension (or overall) between two scored assessments.</summary>
public sealed record DimensionChange(string Id, int Before, int After)
{
    public int Delta => After - Before;
}

/// <summary>
/// A product's history, read once per request. The history's owner is the product, not one submission: every
/// assessment of it carries the same <see cref="Assessment.ProductId"/>, so any of its tokens reaches the same history.
/// </summary>
public static class ProductHistory
{
    public static HistoryEntry AsHistoryEntry(this Assessment a) =>
        new(a.Id, a.SubmittedAt, a.Status, a.Result?.ReadinessScore, a.Result?.Level, a.Result?.Dimensions ?? []);

    /// <summary>The assessments of the product that came before <paramref name="current"/>, oldest first.</summary>
    public static IReadOnlyList<Assessment> Before(this IReadOnlyList<Assessment> history, Assessment current) =>
        history.TakeWhile(a => a.Id != current.Id).ToList();

    /// <summary>
    /// The last scored assessment before this one, to compare with: a re-assessment that failed to score says nothing
    /// about the product.
    /// </summary>
    public static Assessment? LastScored(this IReadOnlyList<Assessment> earlier) => earlier.LastOrDefault(a => a.Result is not null);

    /// <summary>Per dimension, then overall (id <see cref="Overall"/>): the score last time and now. Dimensions new to either side are left out.</summary>
    public static IReadOnlyList<DimensionChange> Changes(ScoringResult before, ScoringResult after)
    {
        var earlier = before.Dimensions.ToDictionary(d => d.Id, d => d.Score, StringComparer.Ordinal);
        return after.Dimensions.Where(d => earlier.ContainsKey(d.Id)).Select(d => new DimensionChange(d.Id, earlier[d.Id], d.Score))
            .Append(new DimensionChange(Overall, before.ReadinessScore, after.ReadinessScore)).ToList();
    }

    public const string Overall = "overall";
}
