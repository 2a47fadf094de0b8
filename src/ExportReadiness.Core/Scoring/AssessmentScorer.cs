using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Scores submissions: the model's probability becomes the readiness score, the rubric gives the dimension
/// scores, and the model's own weights explain the score and name the gaps (<see cref="ScoreExplainer"/>), so
/// the explanation and the gap list always agree with each other and with the score.
/// </summary>
public sealed class AssessmentScorer(FeatureEncoder encoder)
{
    public const int GapCount = 3;

    private readonly Rubric _rubric = new(encoder.Schema);
    private readonly ScoreExplainer _explainer = new(encoder);

    public FeatureEncoder Encoder => encoder;

    /// <summary>One submission, through the model's pool of prediction engines (the web/queue path).</summary>
    public ScoringResult Score(ReadinessModel model, CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, DateTimeOffset now) =>
        Score(model, [(company, answers)], now, rows => rows.Select(model.PredictProbability).ToArray())[0];

    /// <summary>Many submissions through one pass of the model (the batch/re-score path).</summary>
    public IReadOnlyList<ScoringResult> ScoreMany(ReadinessModel model, IReadOnlyList<(CompanyProfile Company, IReadOnlyDictionary<string, Answer> Answers)> items, DateTimeOffset now) =>
        Score(model, items, now, model.PredictProbabilities);

    /// <summary>
    /// <see cref="ScoreMany"/>, except that a row which cannot be scored (a stored answer the questionnaire no
    /// longer knows) fails alone: one model pass for all, and row by row only if that pass throws. Each entry
    /// has a result or the reason its row could not be scored.
    /// </summary>
    public IReadOnlyList<(ScoringResult? Result, Exception? Error)> ScoreEach(
        ReadinessModel model, IReadOnlyList<(CompanyProfile Company, IReadOnlyDictionary<string, Answer> Answers)> items, DateTimeOffset now)
    {
        try
        {
            return ScoreMany(model, items, now).Select(r => ((ScoringResult?)r, (Exception?)null)).ToList();
        }
        catch (Exception e) when (IsUnscorable(e))
        {
            var each = new List<(ScoringResult?, Exception?)>(items.Count);
            foreach (var (company, answers) in items)
            {
                try
                {
                    each.Add((Score(model, company, answers, now), null));
                }
                catch (Exception rowError) when (IsUnscorable(rowError))
                {
                    each.Add((null, rowError));
                }
            }
            return each;
        }
    }

    private static bool IsUnscorable(Exception e) => e is InvalidOperationException or ArgumentException or KeyNotFoundException;

    private List<ScoringResult> Score(
        ReadinessModel model,
        IReadOnlyList<(CompanyProfile Company, IReadOnlyDictionary<string, Answer> Answers)> items,
        DateTimeOffset now,
        Func<IReadOnlyList<float[]>, double[]> predict)
    {
        var rows = items.Select(i => encoder.Encode(i.Company, i.Answers)).ToList();
        var probabilities = predict(rows);
        var results = new List<ScoringResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (company, answers) = items[i];
            var readiness = (int)Math.Round(probabilities[i] * 100);
            var explanation = _explainer.Explain(model, company, answers, rows[i], readiness);
            results.Add(new ScoringResult(readiness, ReadinessLevels.FromScore(readiness), Math.Round(probabilities[i], 4),
                _rubric.Score(company.Sector, answers), Gaps(company, answers, explanation), model.Version, now)
            {
                Explanation = explanation,
            });
        }
        return results;
    }

    /// <summary>
    /// The answers below the top whose raise would add most, by the explanation's own headroom, so a gap is
    /// never something the explanation says is already earned. Ties (often a weight of zero) go to the answer
    /// leaving most of its dimension's rubric points unearned.
    /// </summary>
    private List<Gap> Gaps(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, ScoreExplanation explanation)
    {
        var possibleByDimension = new Dictionary<string, int>();
        foreach (var q in encoder.Schema.Questions)
            if (q.AppliesToSector(company.Sector)) possibleByDimension[q.Dimension] = possibleByDimension.GetValueOrDefault(q.Dimension) + q.MaxPoints;
        var gaps = new List<(Gap Gap, double RubricWeight)>();
        foreach (var contribution in explanation.Questions)
        {
            var question = encoder.Schema.QuestionsById[contribution.Id];
            var (points, recommendation) = question.Evaluate(answers.GetValueOrDefault(question.Id));
            if (points >= question.MaxPoints || recommendation is null) continue;
            gaps.Add((new Gap(question.Id, question.Dimension, recommendation, contribution.Headroom),
                (question.MaxPoints - points) / (double)possibleByDimension[question.Dimension]));
        }
        return gaps
            .OrderByDescending(x => x.Gap.Impact)
            .ThenByDescending(x => x.RubricWeight)
            .ThenBy(x => x.Gap.QuestionId, StringComparer.Ordinal)
            .Take(GapCount)
            .Select(x => x.Gap)
            .ToList();
    }
}
