using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// What the matcher needs of one scored product: where the company is and works, and its score explanation, whose
/// question contributions with headroom are the product's gaps. <see cref="Key"/> lets a caller tie results back
/// to an assessment; the matcher only passes it through.
/// </summary>
public sealed record ProductGaps(string Sector, string Region, ScoreExplanation Explanation, string? Key = null)
{
    /// <summary>What the matcher reads of an assessment, keyed by its id; null before scoring and for results stored before explanations.</summary>
    public static ProductGaps? Of(Assessment assessment) =>
        assessment.Result?.Explanation is { } why ? new ProductGaps(assessment.Company.Sector, assessment.Company.Region, why, assessment.Id) : null;
}
