using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// The two plain comparisons on the real rows, out of fold like the model: the rubric's score Platt-scaled on the other
/// folds, and the other folds' share of export-ready rows (what a scorer that knows nothing else would say). Averaged
/// over the repeats, as the model's out-of-fold probabilities are.
/// </summary>
public static class OutOfFold
{
    public static RealRowScores Rubric(QuestionnaireSchema schema, IReadOnlyList<LabelledAssessment> rows, StratifiedFolds folds)
    {
        var rubric = new Rubric(schema);
        var scores = rows.Select(r => rubric.Overall(r.Company.Sector, r.Answers)).ToArray();
        var labels = rows.Select(r => r.ExportReady).ToArray();
        return RealRowScores.Fixed(scores, Average(folds, labels.Length, (training, heldOut) =>
        {
            var calibrate = Evaluation.FitPlatt([.. training.Select(i => scores[i])], [.. training.Select(i => labels[i])]);
            return i => calibrate(scores[i]);
        }), folds.Repeats);
    }

    public static RealRowScores BaseRate(IReadOnlyList<bool> labels, StratifiedFolds folds)
    {
        var probabilities = Average(folds, labels.Count, (training, _) =>
        {
            var share = training.Count(i => labels[i]) / (double)training.Count;
            return _ => share;
        });
        // Within a split every row gets the same share: it ranks nothing (AUC 0.5).
        return RealRowScores.Fixed(new double[labels.Count], probabilities, folds.Repeats);
    }

    /// <summary>Per split, a predictor fitted on the training part and applied to the held-out part; averaged over repeats.</summary>
    private static double[] Average(StratifiedFolds folds, int rows, Func<List<int>, List<int>, Func<int, double>> fit)
    {
        var result = new double[rows];
        foreach (var (repeat, fold) in folds.Splits())
        {
            var training = Enumerable.Range(0, rows).Where(i => folds.FoldOf(repeat, i) != fold).ToList();
            var heldOut = Enumerable.Range(0, rows).Where(i => folds.FoldOf(repeat, i) == fold).ToList();
            var predict = fit(training, heldOut);
            foreach (var i in heldOut) result[i] += predict(i) / folds.Repeats;
        }
        return result;
    }
}
