namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Metrics computed the same way for the model and for the rubric, so the two can be compared on the
/// same held-out rows.
/// </summary>
public static class Evaluation
{
    /// <summary>Area under the ROC curve via the rank-sum statistic; ties count half.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositives = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (!labels[order[k]]) continue;
                rankSumPositives += averageRank;
                positives++;
            }
            start = end + 1;
        }
        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>
    /// Area under the precision–recall curve as average precision: the precision at each positive, ranked by
    /// score, averaged over positives (tied scores form one step).
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double sum = 0;
        var truePositives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var hits = 0;
            for (var k = start; k <= end; k++) if (labels[order[k]]) hits++;
            truePositives += hits;
            sum += hits * (truePositives / (double)(end + 1));
            start = end + 1;
        }
        return sum / positives;
    }

    /// <summary>Mean squared difference between probability and outcome.</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        double sum = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var error = probabilities[i] - (labels[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / probabilities.Count;
    }

    /// <summary>Every held-out figure at once, for model and rubric alike.</summary>
    public static HeldOutMetrics Measure(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, IReadOnlyList<float>? weights = null, IReadOnlyList<double>? rankingScores = null) =>
        new(Auc(rankingScores ?? probabilities, labels), LogLoss(probabilities, labels, weights), ExpectedCalibrationError(probabilities, labels))
        {
            PrAuc = AveragePrecision(rankingScores ?? probabilities, labels),
            Brier = Brier(probabilities, labels),
        };

    /// <summary>Mean negative log-likelihood; with weights, advisor verdicts can count for more than synthetic rows.</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, IReadOnlyList<float>? weights = null)
    {
        const double eps = 1e-15;
        double sum = 0, total = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], eps, 1 - eps);
            var w = weights?[i] ?? 1;
            sum -= w * (labels[i] ? Math.Log(p) : Math.Log(1 - p));
            total += w;
        }
        return sum / total;
    }

    /// <summary>Expected calibration error over equal-width probability bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins = 10)
    {
        var count = new int[bins];
        var confidence = new double[bins];
        var positives = new double[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var b = Math.Min(bins - 1, (int)(probabilities[i] * bins));
            count[b]++;
            confidence[b] += probabilities[i];
            if (labels[i]) positives[b]++;
        }
        double ece = 0;
        for (var b = 0; b < bins; b++)
            if (count[b] > 0) ece += Math.Abs(positives[b] - confidence[b]) / probabilities.Count;
        return ece;
    }

    /// <summary>
    /// One-feature logistic regression (Platt scaling) fitted by Newton's method: turns the rubric's 0–100
    /// score into a probability so its log-loss and calibration can stand beside the model's.
    /// </summary>
    public static Func<double, double> FitPlatt(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        double a = 0, b = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var p = Sigmoid(a * scores[i] + b);
                var residual = p - (labels[i] ? 1 : 0);
                var w = Math.Max(p * (1 - p), 1e-12);
                ga += residual * scores[i];
                gb += residual;
                haa += w * scores[i] * scores[i];
                hab += w * scores[i];
                hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-18) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10) break;
        }
        return score => Sigmoid(a * score + b);
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
