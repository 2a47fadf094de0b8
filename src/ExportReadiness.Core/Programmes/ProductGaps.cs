using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// What the matcher needs of one scored product: where the company is and works, and its score explanation, whose
/// question contributions with headroom are the product's gaps. <see cref="Key"/> lets a caller tie results back
/// to an assessment; the matcher only passes it through.
/// </summary>
public sealed record ProductGaps(string Sector, string Region, ScoreExplanation Explanation, string? Key = null);
