using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>An answer holding the score down, what to do about it, and how many score points it is worth.</summary>
public sealed record Gap(string QuestionId, string Dimension, LocalizedText Recommendation, double Impact);

public sealed record ScoringResult(
    int ReadinessScore,
    ReadinessLevel Level,
    double Probability,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<Gap> TopGaps,
    string ModelVersion,
    DateTimeOffset ScoredAt)
{
    /// <summary>Why the score is what it is; null only for results stored before explanations existed.</summary>
    public ScoreExplanation? Explanation { get; init; }
}
