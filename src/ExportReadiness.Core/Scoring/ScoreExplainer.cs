using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Takes a score apart with the model's own weights. The model is logistic: logit = bias + Σ weight × feature.
/// The baseline is the same company (sector, size, age) with every answer at its lowest, whose answer features
/// are all zero. Each question's logit term is then what its answer adds over its lowest answer (never
/// negative, the weights being non-negative). Logits do not add up in score points, so the score points
/// between the baseline and the score are shared out in proportion to the questions' logit terms, in tenths
/// of a point with largest remainders, so that baseline + questions = the displayed score exactly.
/// </summary>
public sealed class ScoreExplainer(FeatureEncoder encoder)
{
    private const double Tenths = 10;

    public ScoreExplanation Explain(ReadinessModel model, CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, float[] features, int readinessScore)
    {
        var schema = encoder.Schema;
        var terms = model.Logits(features);
        var logit = model.Bias + terms.Sum();
        var baselineLogit = model.Bias + terms.Skip(encoder.AnswerFeatureCount).Sum();

        var applicable = new List<int>();
        var questionLogits = new List<double>();
        for (var q = 0; q < schema.Questions.Count; q++)
        {
            if (!schema.Questions[q].AppliesToSector(company.Sector)) continue;
            applicable.Add(q);
            questionLogits.Add(terms[encoder.QuestionFeatures(q)].Sum());
        }

        var total = readinessScore * (long)Tenths;
        var baseline = (long)Math.Round(100 * Tenths * Evaluation.Sigmoid(baselineLogit));
        var shares = Share(Math.Max(0, total - baseline), questionLogits);
        baseline = total - shares.Sum();

        var probability = Evaluation.Sigmoid(logit);
        var scratch = new float[features.Length];
        // A dimension with a blank question: raising any of its answers moves the blank too, so the whole dimension is
        // encoded again; in any other, raising one answer moves that answer's own features alone.
        var blank = new bool[schema.Dimensions.Count];
        foreach (var q in applicable) blank[encoder.DimensionOf(q)] |= !answers.ContainsKey(schema.Questions[q].Id);
        var questions = new List<Contribution>(applicable.Count);
        for (var k = 0; k < applicable.Count; k++)
        {
            var q = applicable[k];
            var question = schema.Questions[q];
            var raised = new RaisedAnswers(answers, [(question.Id, AnswerScale.Top(question))]);
            var dimension = encoder.DimensionOf(q);
            double change;
            if (blank[dimension]) change = DimensionChange(model, company, raised, dimension, features, scratch);
            else
            {
                encoder.EncodeAnswered(q, company, raised, scratch);
                change = model.LogitChange(features, scratch, encoder.QuestionFeatures(q));
            }
            questions.Add(new Contribution(question.Id, shares[k] / Tenths, Gain(logit + change, probability)));
        }
        var dimensions = schema.Dimensions.Select((d, index) =>
        {
            var inDimension = applicable.Select((q, k) => (Question: schema.Questions[q], Share: shares[k])).Where(x => x.Question.Dimension == d.Id).ToList();
            var raised = new RaisedAnswers(answers, [.. inDimension.Select(x => (x.Question.Id, AnswerScale.Top(x.Question)))]);
            return new Contribution(d.Id, inDimension.Sum(x => x.Share) / Tenths, Gain(logit + DimensionChange(model, company, raised, index, features, scratch), probability));
        }).ToList();
        return new ScoreExplanation(baseline / Tenths, dimensions, questions);
    }

    /// <summary>
    /// How far the log-odds move with these answers instead, all of one dimension; recomputed from features, so a blank
    /// question that follows its dimension rises too. Only that dimension's features can change, so only they are encoded
    /// again (in <paramref name="scratch"/>, whose other features are never read) and only their change counts; the
    /// answers raised are a view over the SME's, not a copy.
    /// </summary>
    private double DimensionChange(ReadinessModel model, CompanyProfile company, RaisedAnswers raised, int dimension, float[] features, float[] scratch)
    {
        encoder.EncodeDimension(company, raised, dimension, scratch);
        return model.LogitChange(features, scratch, encoder.DimensionFeatures(dimension));
    }

    /// <summary>Score points gained at <paramref name="raisedLogit"/> over the row's <paramref name="probability"/>.</summary>
    private static double Gain(double raisedLogit, double probability) =>
        Math.Round(100 * Math.Max(0, Evaluation.Sigmoid(raisedLogit) - probability), 1);

    /// <summary>Splits a whole number of tenths in proportion to the weights (largest remainders; none if no weight is positive).</summary>
    internal static long[] Share(long amount, IReadOnlyList<double> weights)
    {
        var shares = new long[weights.Count];
        var sum = weights.Where(w => w > 0).Sum();
        if (amount <= 0 || sum <= 0) return shares;
        var remainders = new double[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = amount * Math.Max(0, weights[i]) / sum;
            shares[i] = (long)Math.Floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)(amount - given)))
            shares[i]++;
        return shares;
    }
}
