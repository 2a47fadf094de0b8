using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Tests;

public class EvaluationTests
{
    [Fact]
    public void Auc_is_one_for_a_perfect_ranking_zero_for_a_reversed_one_and_half_for_ties()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, Evaluation.Auc([0.1, 0.2, 0.8, 0.9], labels));
        Assert.Equal(0.0, Evaluation.Auc([0.9, 0.8, 0.2, 0.1], labels));
        Assert.Equal(0.5, Evaluation.Auc([0.5, 0.5, 0.5, 0.5], labels));
    }

    [Fact]
    public void Calibration_error_is_zero_when_frequencies_match_probabilities()
    {
        var probabilities = Enumerable.Repeat(0.25, 8).ToArray();
        bool[] labels = [true, false, false, false, true, false, false, false];
        Assert.Equal(0, Evaluation.ExpectedCalibrationError(probabilities, labels), 10);
        Assert.Equal(0.75, Evaluation.ExpectedCalibrationError(Enumerable.Repeat(1.0, 4).ToArray(), [true, false, false, false]), 10);
    }

    [Fact]
    public void Platt_scaling_recovers_a_logistic_relationship()
    {
        var random = new Random(1);
        var scores = Enumerable.Range(0, 4000).Select(_ => random.NextDouble() * 100).ToArray();
        var labels = scores.Select(s => random.NextDouble() < Evaluation.Sigmoid(0.1 * s - 5)).ToArray();
        var calibrate = Evaluation.FitPlatt(scores, labels);
        Assert.Equal(0.5, calibrate(50), 1);
        Assert.True(calibrate(90) > 0.95);
    }

    [Fact]
    public void Average_precision_is_one_for_a_perfect_ranking_and_the_positive_share_for_ties()
    {
        bool[] labels = [false, true, false, true];
        Assert.Equal(1.0, Evaluation.AveragePrecision([0.1, 0.9, 0.2, 0.8], labels), 10);
        Assert.Equal(0.5, Evaluation.AveragePrecision([0.5, 0.5, 0.5, 0.5], labels), 10);
        Assert.Equal((1 / 3.0 + 2 / 4.0) / 2, Evaluation.AveragePrecision([0.9, 0.1, 0.8, 0.2], labels), 10);
    }

    [Fact]
    public void Brier_is_the_mean_squared_error_of_the_probabilities()
    {
        Assert.Equal(0, Evaluation.Brier([1.0, 0.0], [true, false]), 10);
        Assert.Equal((0.25 + 0.04) / 2, Evaluation.Brier([0.5, 0.2], [true, false]), 10);
    }
}
