using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Scores submissions: the model's probability becomes the readiness score, the rubric gives the
/// dimension scores, and the gaps are the answers whose improvement would raise the model's score most.
/// </summary>
public sealed class AssessmentScorer(FeatureEncoder encoder)
{
    public const int GapCount = 3;

    private readonly Rubric _rubric = new(encoder.Schema);

    public FeatureEncoder Encoder => encoder;

    /// <summary>One submission, through the model's pool of prediction engines (the web/queue path).</summary>
    public ScoringResult Score(ReadinessModel model, CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, DateTimeOffset now) =>
        Score(model, [(company, answers)], now, rows => rows.Select(model.PredictProbability).ToArray())[0];

    /// <summary>
    /// Many submissions through one pass of the model: every base row and every "what if this answer were at
    /// the top" row goes into a single Transform, instead of an engine call each (the batch/re-score path).
    /// </summary>
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
        var rows = new List<float[]>(items.Count * 16);
        var candidates = new List<List<GapCandidate>>(items.Count);
        foreach (var (company, answers) in items) rows.Add(encoder.Encode(company, answers));
        foreach (var (company, answers) in items)
        {
            var mine = GapCandidates(company, answers, rows.Count);
            rows.AddRange(mine.Select(c => c.Features));
            candidates.Add(mine);
        }
        var probabilities = predict(rows);

        var results = new List<ScoringResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var probability = probabilities[i];
            var readiness = (int)Math.Round(probability * 100);
            var gaps = candidates[i]
                .Select(c => (Candidate: c, Impact: Math.Round(Math.Max(0, probabilities[c.Row] - probability) * 100, 1)))
                // Trees are flat in places, so ties (often zero) go to the answer leaving most of its dimension's points unearned.
                .OrderByDescending(x => x.Impact)
                .ThenByDescending(x => x.Candidate.RubricWeight)
                .ThenBy(x => x.Candidate.Question.Id, StringComparer.Ordinal)
                .Take(GapCount)
                .Select(x => new Gap(x.Candidate.Question.Id, x.Candidate.Question.Dimension, x.Candidate.Recommendation, x.Impact))
                .ToList();
            results.Add(new ScoringResult(readiness, ReadinessLevels.FromScore(readiness), Math.Round(probability, 4),
                _rubric.Score(items[i].Company.Sector, items[i].Answers), gaps, model.Version, now));
        }
        return results;
    }

    private sealed record GapCandidate(Question Question, LocalizedText Recommendation, float[] Features, double RubricWeight, int Row);

    /// <summary>Every answer below the top, with the feature vector it would have at the top.</summary>
    private List<GapCandidate> GapCandidates(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, int firstRow)
    {
        var candidates = new List<GapCandidate>();
        var possibleByDimension = new Dictionary<string, int>();
        foreach (var q in encoder.Schema.Questions)
            if (q.AppliesToSector(company.Sector)) possibleByDimension[q.Dimension] = possibleByDimension.GetValueOrDefault(q.Dimension) + q.MaxPoints;
        foreach (var question in encoder.Schema.Questions)
        {
            if (!question.AppliesToSector(company.Sector)) continue;
            var (points, recommendation) = question.Evaluate(answers.GetValueOrDefault(question.Id));
            if (points >= question.MaxPoints || recommendation is null) continue;
            var improved = new Dictionary<string, Answer>(answers) { [question.Id] = TopAnswer(question) };
            candidates.Add(new GapCandidate(question, recommendation, encoder.Encode(company, improved),
                (question.MaxPoints - points) / (double)possibleByDimension[question.Dimension], firstRow + candidates.Count));
        }
        return candidates;
    }

    internal static Answer TopAnswer(Question question) => question.Type switch
    {
        QuestionType.Choice => Answer.Of(question.Options!.MaxBy(o => o.Points)!.Value),
        QuestionType.YesNo => Answer.Of(true),
        _ => Answer.Of(question.Bands!.MaxBy(b => b.Points)!.From),
    };
}
