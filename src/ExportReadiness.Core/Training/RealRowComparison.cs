using ExportReadiness.Core.Validation;

namespace ExportReadiness.Core.Training;

/// <summary>Four figures of one scorer on the real rows, each with its bootstrap interval.</summary>
public sealed record RealRowFigures(Estimate RocAuc, Estimate LogLoss, Estimate Brier, Estimate Ece);

/// <summary>
/// The real labels' verdict on a model: its out-of-fold predictions beside the champion's (re-fitted fold by fold when its
/// recipe allows), the prior's as it stands, the rubric's (Platt-scaled on the other folds) and the base rate's (the other
/// folds' share of export-ready rows), all on the same rows. Intervals are paired bootstrap percentile intervals: each
/// resample draws the rows once and scores every side on it, so the differences' intervals account for the shared rows.
/// </summary>
public sealed record RealRowComparison
{
    public required int Rows { get; init; }
    public required int Positives { get; init; }
    public required int Folds { get; init; }
    public required int Repeats { get; init; }
    public required int Resamples { get; init; }
    public required RealRowFigures Model { get; init; }
    public RealRowFigures? Champion { get; init; }
    public required RealRowFigures Prior { get; init; }
    public required RealRowFigures Rubric { get; init; }
    public required RealRowFigures BaseRate { get; init; }

    /// <summary>Model − champion; null without a champion.</summary>
    public Estimate? AucVersusChampion { get; init; }
    public Estimate? LogLossVersusChampion { get; init; }

    /// <summary>Model − prior as it stands.</summary>
    public required Estimate AucVersusPrior { get; init; }

    /// <summary>Model − base rate: below zero when the model knows more than how common export readiness is.</summary>
    public required Estimate LogLossVersusBaseRate { get; init; }

    /// <summary>Every side's figures and the differences that decide, from one set of paired resamples.</summary>
    public static RealRowComparison Of(IReadOnlyList<bool> labels, StratifiedFolds folds, RealRowScores model, RealRowScores? champion, RealRowScores prior,
        RealRowScores rubric, RealRowScores baseRate, int resamples = 1000, int seed = 2013, double confidence = 0.95)
    {
        var sides = new List<RealRowScores> { model, prior, rubric, baseRate };
        if (champion is not null) sides.Add(champion);
        var y = labels.ToArray();
        var scorers = sides.Select(s => new Scorer(s, y, folds)).ToArray();
        var ones = Enumerable.Repeat(1, y.Length).ToArray();
        var points = scorers.Select(s => Enum.GetValues<Metric>().Select(m => s.Measure(m, ones)).ToArray()).ToArray();
        var samples = PairedBootstrap(scorers, y.Length, resamples, seed);
        RealRowFigures Figures(int side) => new(
            Interval(side, Metric.Auc), Interval(side, Metric.LogLoss), Interval(side, Metric.Brier), Interval(side, Metric.Ece));
        Estimate Interval(int side, Metric metric) => OutcomeComparison.Interval(points[side][(int)metric], samples[side][(int)metric], confidence);
        Estimate Difference(int side, int other, Metric metric) => OutcomeComparison.Interval(
            points[side][(int)metric] - points[other][(int)metric],
            [.. samples[side][(int)metric].Zip(samples[other][(int)metric], (a, b) => a - b)], confidence);
        return new RealRowComparison
        {
            Rows = y.Length,
            Positives = y.Count(l => l),
            Folds = folds.Folds,
            Repeats = folds.Repeats,
            Resamples = resamples,
            Model = Figures(0),
            Prior = Figures(1),
            Rubric = Figures(2),
            BaseRate = Figures(3),
            Champion = champion is null ? null : Figures(4),
            AucVersusChampion = champion is null ? null : Difference(0, 4, Metric.Auc),
            LogLossVersusChampion = champion is null ? null : Difference(0, 4, Metric.LogLoss),
            AucVersusPrior = Difference(0, 1, Metric.Auc),
            LogLossVersusBaseRate = Difference(0, 3, Metric.LogLoss),
        };
    }

    /// <summary>The cross-validated AUC: per split, the held-out rows ranked by that split's scores; averaged, each split by its rows.</summary>
    public static double CrossValidatedAuc(RealRowScores scores, IReadOnlyList<bool> labels, StratifiedFolds folds) =>
        new Scorer(scores, [.. labels], folds).Measure(Metric.Auc, Enumerable.Repeat(1, labels.Count).ToArray());

    private enum Metric { Auc, LogLoss, Brier, Ece }

    /// <summary>[side][metric][resample]: every side scored on the same resamples (rows drawn with replacement).</summary>
    private static double[][][] PairedBootstrap(Scorer[] scorers, int rows, int resamples, int seed)
    {
        var samples = scorers.Select(_ => Enum.GetValues<Metric>().Select(_ => new double[resamples]).ToArray()).ToArray();
        var weights = new int[rows];
        var random = new Random(seed);
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(weights);
            for (var k = 0; k < rows; k++) weights[random.Next(rows)]++;
            for (var s = 0; s < scorers.Length; s++)
                foreach (var metric in Enum.GetValues<Metric>())
                    samples[s][(int)metric][r] = scorers[s].Measure(metric, weights);
        }
        return samples;
    }

    /// <summary>One side, sorted once: its probabilities for the pooled figures, and per split its ranking of the held-out rows.</summary>
    private sealed class Scorer
    {
        private readonly double[] _probabilities;
        private readonly bool[] _labels;
        private readonly int[] _bins;
        private readonly (int[] Rows, ScoreOrder Order, bool[] Labels)[] _splits;
        private readonly double[] _scratch = new double[10];

        public Scorer(RealRowScores scores, bool[] labels, StratifiedFolds folds)
        {
            _probabilities = scores.Probabilities;
            _labels = labels;
            _bins = WeightedMetrics.BinsOf(_probabilities, 10);
            _splits = [.. folds.Splits().Select(split =>
            {
                var rows = Enumerable.Range(0, labels.Length).Where(i => folds.FoldOf(split.Repeat, i) == split.Fold).ToArray();
                return (rows, new ScoreOrder([.. rows.Select(i => scores.Ranking[split.Repeat][i])]), rows.Select(i => labels[i]).ToArray());
            })];
        }

        public double Measure(Metric metric, int[] weights) => metric switch
        {
            Metric.Auc => SplitAuc(weights),
            Metric.LogLoss => WeightedMetrics.LogLoss(_probabilities, _labels, weights),
            Metric.Brier => WeightedMetrics.Brier(_probabilities, _labels, weights),
            _ => WeightedMetrics.Ece(_probabilities, _labels, weights, _bins, _scratch),
        };

        private double SplitAuc(int[] weights)
        {
            double sum = 0, total = 0;
            foreach (var (rows, order, labels) in _splits)
            {
                var local = rows.Select(i => weights[i]).ToArray();
                var auc = WeightedMetrics.RocAuc(order, labels, local);
                if (double.IsNaN(auc)) continue;
                var size = local.Sum();
                sum += auc * size;
                total += size;
            }
            return total == 0 ? double.NaN : sum / total;
        }
    }
}

/// <summary>
/// One side on the real rows: per repeat the scores that rank each held-out row within its split (raw out-of-fold scores
/// for a re-fitted model, the probability for a fixed one), and the calibrated probability averaged over the repeats.
/// </summary>
public sealed record RealRowScores(double[][] Ranking, double[] Probabilities)
{
    /// <summary>A scorer that is the same in every split (a fixed model, the rubric).</summary>
    public static RealRowScores Fixed(double[] ranking, double[] probabilities, int repeats) =>
        new([.. Enumerable.Repeat(ranking, repeats)], probabilities);
}
