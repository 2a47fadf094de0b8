using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.ActionPlans;

/// <summary>
/// A gap an action can address: a question with headroom, its dimension, the score points it holds down, its text and
/// what to do about it (the answer's improvement advice, or the question itself when the answer has none): the default
/// title of an action picked from it.
/// </summary>
public sealed record GapChoice(string QuestionId, string Dimension, double Headroom, LocalizedText Question, LocalizedText Advice);

public static class ActionGaps
{
    /// <summary>
    /// The gaps of a scored assessment to pick actions from, largest headroom first: the explanation's gaps (as the
    /// programme matcher reads them), or for a result stored before explanations, its top gaps. Empty before scoring.
    /// </summary>
    public static IReadOnlyList<GapChoice> Of(Assessment assessment, QuestionnaireSchema schema)
    {
        if (assessment.Result is not { } result) return [];
        var gaps = result.Explanation is { } why
            ? why.QuestionGaps(schema).Select(g => (g.Id, g.Headroom))
            : result.TopGaps.Where(g => schema.QuestionsById.ContainsKey(g.QuestionId)).Select(g => (Id: g.QuestionId, Headroom: g.Impact));
        return gaps.Select(g =>
        {
            var question = schema.QuestionsById[g.Id];
            var advice = question.Evaluate(assessment.Answers.GetValueOrDefault(g.Id)).Recommendation ?? question.Text;
            return new GapChoice(g.Id, question.Dimension, g.Headroom, question.Text, advice);
        }).ToList();
    }
}
