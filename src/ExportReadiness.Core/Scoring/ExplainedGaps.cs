using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// A product's gaps as its score explanation gives them: the questions with headroom, largest first. The programme
/// matcher matches them and the action plan offers them to pick from, so both read the same gaps.
/// </summary>
public static class ExplainedGaps
{
    /// <summary>The explanation is in tenths of a point; less headroom than that is rounding, not a gap.</summary>
    public const double MinimumHeadroom = 0.1;

    public static IReadOnlyList<Contribution> QuestionGaps(this ScoreExplanation explanation, QuestionnaireSchema schema) =>
        explanation.Questions
            .Where(q => q.Headroom >= MinimumHeadroom && schema.QuestionsById.ContainsKey(q.Id))
            .OrderByDescending(q => q.Headroom).ThenBy(q => q.Id, StringComparer.Ordinal)
            .ToList();
}
