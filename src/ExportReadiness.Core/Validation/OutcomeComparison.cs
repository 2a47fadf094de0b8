using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Validation;

/// <summary>How many resamples, which seed and which confidence; the defaults are what issue 9 asks for.</summary>
public sealed record ComparisonOptions
{
    public int Resamples { get; init; } = 1000;
    public int Seed { get; init; } = 2013;
    public double Confidence { get; init; } = 0.95;
    public int CalibrationBins { get; init; } = 10;
    public int RubricCalibrationFolds { get; init; } = 5;
}

/// <summary>
/// Compares the model with the rubric on labelled rows. Point estimates use <see cref="Evaluation"/>, the same
/// functions that judge a trained model, on the rows as given. Intervals are percentile intervals over bootstrap
/// resamples (rows drawn with replacement, as many as there are); each resample is scored for the model and the
/// rubric at once, so the difference model − rubric is paired and its interval accounts for the two being
/// measured on the same companies.
/// </summary>
public static class OutcomeComparison
{
    private const int Metrics = 5; // ROC AUC, PR AUC, Brier, ECE, log-loss

    public static GroupValidation Compare(string group, IReadOnlyList<OutcomeRow> rows, double[]? rubricProbabilities, ComparisonOptions options)
    {
        if (rubricProbabilities is not null && rubricProbabilities.Length != rows.Count)
            throw new ArgumentException("One rubric probability per row is needed.", nameof(rubricProbabilities));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Resamples);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CalibrationBins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CalibrationBins, 1000);
        if (options.Confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), "Confidence must lie strictly between 0 and 1.");
        var n = rows.Count;
        var model = new double[n];
        var rubric = new double[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++) (model[i], rubric[i], labels[i]) = (rows[i].ModelProbability, rows[i].RubricScore, rows[i].Outcome);
        var positives = labels.Count(l => l);

        // Point estimates on the rows as given: [metric, side] with side 0 = model, 1 = rubric.
        var point = new double[Metrics, 2];
        point[0, 0] = Evaluation.Auc(model, labels);
        point[0, 1] = Evaluation.Auc(rubric, labels);
        var modelOrder = new ScoreOrder(model);
        var rubricOrder = new ScoreOrder(rubric);
        var ones = Enumerable.Repeat(1, n).ToArray();
        point[1, 0] = WeightedMetrics.AveragePrecision(modelOrder, labels, ones);
        point[1, 1] = WeightedMetrics.AveragePrecision(rubricOrder, labels, ones);
        point[2, 0] = n == 0 ? double.NaN : WeightedMetrics.Brier(model, labels, ones);
        point[3, 0] = n == 0 ? double.NaN : Evaluation.ExpectedCalibrationError(model, labels, options.CalibrationBins);
        point[2, 1] = rubricProbabilities is null || n == 0 ? double.NaN : WeightedMetrics.Brier(rubricProbabilities, labels, ones);
        point[3, 1] = rubricProbabilities is null || n == 0 ? double.NaN : Evaluation.ExpectedCalibrationError(rubricProbabilities, labels, options.CalibrationBins);
        point[4, 0] = n == 0 ? double.NaN : WeightedMetrics.LogLoss(model, labels, ones);
        point[4, 1] = rubricProbabilities is null || n == 0 ? double.NaN : WeightedMetrics.LogLoss(rubricProbabilities, labels, ones);

        var samples = Resample(group, model, rubricProbabilities, labels, modelOrder, rubricOrder, options);
        MetricComparison Comparison(int metric, bool higherIsBetter) => new(
            higherIsBetter,
            Interval(point[metric, 0], samples[metric, 0], options.Confidence),
            Interval(point[metric, 1], samples[metric, 1], options.Confidence),
            Interval(point[metric, 0] - point[metric, 1], samples[metric, 2], options.Confidence));
        return new GroupValidation(group, n, positives,
            Comparison(0, higherIsBetter: true), Comparison(1, higherIsBetter: true),
            Comparison(2, higherIsBetter: false), Comparison(3, higherIsBetter: false))
        {
            LogLoss = Comparison(4, higherIsBetter: false),
        };
    }

    /// <summary>[metric, series][resample], series 0 = model, 1 = rubric, 2 = model − rubric on the same resample.</summary>
    private static double[,][] Resample(
        string group, double[] model, double[]? rubricProbabilities, bool[] labels, ScoreOrder modelOrder, ScoreOrder rubricOrder, ComparisonOptions options)
    {
        var n = labels.Length;
        var b = options.Resamples;
        var samples = new double[Metrics, 3][];
        for (var m = 0; m < Metrics; m++)
            for (var s = 0; s < 3; s++) samples[m, s] = new double[b];
        var weights = new int[n];
        var modelBins = WeightedMetrics.BinsOf(model, options.CalibrationBins);
        var rubricBins = rubricProbabilities is null ? null : WeightedMetrics.BinsOf(rubricProbabilities, options.CalibrationBins);
        Span<double> scratch = stackalloc double[options.CalibrationBins];
        var random = new Random(options.Seed ^ (int)StableHash(group));
        for (var r = 0; r < b; r++)
        {
            Array.Clear(weights);
            for (var k = 0; k < n; k++) weights[random.Next(n)]++;
            Record(samples, 0, r, WeightedMetrics.RocAuc(modelOrder, labels, weights), WeightedMetrics.RocAuc(rubricOrder, labels, weights));
            Record(samples, 1, r, WeightedMetrics.AveragePrecision(modelOrder, labels, weights), WeightedMetrics.AveragePrecision(rubricOrder, labels, weights));
            Record(samples, 2, r, WeightedMetrics.Brier(model, labels, weights),
                rubricProbabilities is null ? double.NaN : WeightedMetrics.Brier(rubricProbabilities, labels, weights));
            Record(samples, 3, r, WeightedMetrics.Ece(model, labels, weights, modelBins, scratch),
                rubricProbabilities is null ? double.NaN : WeightedMetrics.Ece(rubricProbabilities, labels, weights, rubricBins!, scratch));
            Record(samples, 4, r, WeightedMetrics.LogLoss(model, labels, weights),
                rubricProbabilities is null ? double.NaN : WeightedMetrics.LogLoss(rubricProbabilities, labels, weights));
        }
        return samples;
    }

    private static void Record(double[,][] samples, int metric, int resample, double model, double rubric)
    {
        samples[metric, 0][resample] = model;
        samples[metric, 1][resample] = rubric;
        samples[metric, 2][resample] = model - rubric;
    }

    /// <summary>
    /// The percentile interval of the resamples where the metric is defined (a resample of a small sector may hold
    /// no positive at all). Null when the metric is undefined on the rows themselves.
    /// </summary>
    internal static Estimate Interval(double point, double[] resamples, double confidence)
    {
        if (double.IsNaN(point)) return Estimate.Unavailable;
        var finite = resamples.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return new Estimate(point, null, null);
        Array.Sort(finite);
        var tail = (1 - confidence) / 2;
        return new Estimate(point, Percentile(finite, tail), Percentile(finite, 1 - tail));
    }

    /// <summary>Linear interpolation between order statistics (R's type 7, numpy's default).</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// The rubric's score as a probability, by cross-fitting: the rows are split into folds at random (seeded), and
    /// each fold's probabilities come from Platt scaling fitted on the other folds, so no row is calibrated on
    /// itself. Null when the rows are too few, or a training part lacks positives or negatives.
    /// </summary>
    public static double[]? CrossFittedRubricProbabilities(IReadOnlyList<OutcomeRow> rows, int folds, int seed)
    {
        var n = rows.Count;
        if (folds < 2 || n < 2 * folds) return null;
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[n];
        for (var k = 0; k < n; k++) fold[order[k]] = k % folds;

        var probabilities = new double[n];
        for (var f = 0; f < folds; f++)
        {
            var scores = new List<double>(n);
            var labels = new List<bool>(n);
            for (var i = 0; i < n; i++)
            {
                if (fold[i] == f) continue;
                scores.Add(rows[i].RubricScore);
                labels.Add(rows[i].Outcome);
            }
            if (!labels.Contains(true) || !labels.Contains(false)) return null;
            var calibrate = Evaluation.FitPlatt(scores, labels);
            for (var i = 0; i < n; i++)
                if (fold[i] == f) probabilities[i] = calibrate(rows[i].RubricScore);
        }
        return probabilities;
    }

    /// <summary>FNV-1a, so each group's resamples are the same in every process (string.GetHashCode is randomised).</summary>
    private static uint StableHash(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
