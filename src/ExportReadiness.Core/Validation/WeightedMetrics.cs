namespace ExportReadiness.Core.Validation;

/// <summary>
/// Ranking and calibration metrics over rows that carry integer weights: a bootstrap resample is the same rows
/// with each row's weight = how many times it was drawn. The rows are sorted once (<see cref="ScoreOrder"/>), so
/// one resample costs a single pass per metric and allocates nothing. With every weight 1 they equal
/// <see cref="Scoring.Evaluation.Auc"/> and <see cref="Scoring.Evaluation.ExpectedCalibrationError"/> (tested).
/// </summary>
internal static class WeightedMetrics
{
    /// <summary>ROC AUC by tie groups in ascending score order: a positive beats every negative below it and half of those tied with it.</summary>
    public static double RocAuc(ScoreOrder order, bool[] labels, int[] weights)
    {
        double negativesBelow = 0, pairs = 0, positives = 0;
        var rows = order.Rows;
        foreach (var (start, end) in order.Groups)
        {
            double groupPositives = 0, groupNegatives = 0;
            for (var k = start; k < end; k++)
            {
                var i = rows[k];
                if (labels[i]) groupPositives += weights[i];
                else groupNegatives += weights[i];
            }
            pairs += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            positives += groupPositives;
        }
        return positives == 0 || negativesBelow == 0 ? double.NaN : pairs / (positives * negativesBelow);
    }

    /// <summary>
    /// Average precision (the PR AUC of scikit-learn's <c>average_precision_score</c>): walking the thresholds from
    /// the highest score down, each step's gain in recall times the precision at that step. Tied scores are one threshold.
    /// </summary>
    public static double AveragePrecision(ScoreOrder order, bool[] labels, int[] weights)
    {
        double totalPositives = 0;
        var rows = order.Rows;
        for (var k = 0; k < rows.Length; k++)
            if (labels[rows[k]]) totalPositives += weights[rows[k]];
        if (totalPositives == 0) return double.NaN;

        double truePositives = 0, falsePositives = 0, precisionSum = 0;
        for (var g = order.Groups.Length - 1; g >= 0; g--)
        {
            var (start, end) = order.Groups[g];
            double groupPositives = 0, groupNegatives = 0;
            for (var k = start; k < end; k++)
            {
                var i = rows[k];
                if (labels[i]) groupPositives += weights[i];
                else groupNegatives += weights[i];
            }
            if (groupPositives + groupNegatives == 0) continue;
            truePositives += groupPositives;
            falsePositives += groupNegatives;
            precisionSum += groupPositives * truePositives / (truePositives + falsePositives);
        }
        return precisionSum / totalPositives;
    }

    /// <summary>Brier score: the mean squared distance between the probability and the 0/1 outcome.</summary>
    /// <summary>Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15] as <c>Evaluation.LogLoss</c> does.</summary>
    public static double LogLoss(double[] probabilities, bool[] labels, int[] weights)
    {
        const double eps = 1e-15;
        double sum = 0, total = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (weights[i] == 0) continue;
            var p = Math.Clamp(probabilities[i], eps, 1 - eps);
            sum -= weights[i] * (labels[i] ? Math.Log(p) : Math.Log(1 - p));
            total += weights[i];
        }
        return total == 0 ? double.NaN : sum / total;
    }

    public static double Brier(double[] probabilities, bool[] labels, int[] weights)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (weights[i] == 0) continue;
            var error = probabilities[i] - (labels[i] ? 1 : 0);
            sum += weights[i] * error * error;
            total += weights[i];
        }
        return total == 0 ? double.NaN : sum / total;
    }

    /// <summary>
    /// Expected calibration error: rows binned by probability into equal-width bins (bin = ⌊p·bins⌋, 1.0 in the
    /// top bin, as <see cref="Scoring.Evaluation.ExpectedCalibrationError"/> does); per bin |observed positives −
    /// summed probabilities|, added up and divided by the rows. That is the bin-size-weighted mean gap between
    /// predicted and observed frequency.
    /// </summary>
    public static double Ece(double[] probabilities, bool[] labels, int[] weights, int[] bins, Span<double> scratch)
    {
        var gap = scratch; // one cell per bin
        gap.Clear();
        double total = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (weights[i] == 0) continue;
            gap[bins[i]] += weights[i] * ((labels[i] ? 1 : 0) - probabilities[i]);
            total += weights[i];
        }
        if (total == 0) return double.NaN;
        double ece = 0;
        foreach (var g in gap) ece += Math.Abs(g);
        return ece / total;
    }

    public static int[] BinsOf(double[] probabilities, int bins)
    {
        var result = new int[probabilities.Length];
        for (var i = 0; i < probabilities.Length; i++) result[i] = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
        return result;
    }
}

/// <summary>Row indices sorted by score, with the [start, end) ranges of equal scores: computed once, used by every resample.</summary>
internal sealed class ScoreOrder
{
    public ScoreOrder(double[] scores)
    {
        Rows = new int[scores.Length];
        for (var i = 0; i < Rows.Length; i++) Rows[i] = i;
        var keys = (double[])scores.Clone();
        Array.Sort(keys, Rows);
        var groups = new List<(int, int)>();
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            groups.Add((start, end));
            start = end;
        }
        Groups = [.. groups];
    }

    public int[] Rows { get; }

    public (int Start, int End)[] Groups { get; }
}
