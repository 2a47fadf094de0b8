using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Validation;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Validation;

public class OutcomeComparisonTests
{
    private static readonly ComparisonOptions Options = new();

    [Fact]
    public void A_perfect_ranking_has_roc_and_pr_auc_of_one()
    {
        OutcomeRow[] rows = [Row(0.1, 10, false), Row(0.2, 20, false), Row(0.8, 30, true), Row(0.9, 40, true)];
        var result = OutcomeComparison.Compare("all", rows, null, Options);
        Assert.Equal(1.0, result.RocAuc.Model.Value);
        Assert.Equal(1.0, result.PrAuc.Model.Value);
        Assert.Equal(1.0, result.RocAuc.Rubric.Value);
        Assert.Equal(0.0, result.RocAuc.Difference.Value);
    }

    [Fact]
    public void Average_precision_counts_each_positive_at_the_precision_of_its_threshold()
    {
        // Ranked 0.9 (yes), 0.8 (no), 0.7 (yes): precision 1/1 at the first positive, 2/3 at the second.
        OutcomeRow[] rows = [Row(0.9, 0, true), Row(0.8, 0, false), Row(0.7, 0, true)];
        var result = OutcomeComparison.Compare("all", rows, null, Options with { Resamples = 0 });
        Assert.Equal((1.0 + 2.0 / 3) / 2, result.PrAuc.Model.Value!.Value, 12);
        // The rubric ties everyone: one threshold, precision 2/3 for both positives.
        Assert.Equal(2.0 / 3, result.PrAuc.Rubric.Value!.Value, 12);
    }

    [Fact]
    public void A_constant_probability_of_one_half_has_a_brier_score_of_a_quarter()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Row(0.5, i, i % 3 == 0)).ToArray();
        var result = OutcomeComparison.Compare("all", rows, null, Options);
        Assert.Equal(0.25, result.Brier.Model.Value!.Value, 12);
        Assert.Equal(0.25, result.Brier.Model.Lower!.Value, 12);
        Assert.Equal(0.25, result.Brier.Model.Upper!.Value, 12);
    }

    [Fact]
    public void Without_rubric_probabilities_the_rubric_has_ranking_metrics_only()
    {
        var result = OutcomeComparison.Compare("all", OutcomeRows.Noisy(200, seed: 3), null, Options);
        Assert.NotNull(result.RocAuc.Rubric.Value);
        Assert.Null(result.Brier.Rubric.Value);
        Assert.Null(result.Ece.Difference.Value);
    }

    [Fact]
    public void Bootstrap_intervals_contain_the_point_estimate_and_repeat_exactly_with_the_same_seed()
    {
        var rows = OutcomeRows.Noisy(600, seed: 11);
        var probabilities = OutcomeComparison.CrossFittedRubricProbabilities(rows, 5, seed: 1);
        var first = OutcomeComparison.Compare("all", rows, probabilities, Options);
        var again = OutcomeComparison.Compare("all", rows, probabilities, Options);
        var otherSeed = OutcomeComparison.Compare("all", rows, probabilities, Options with { Seed = 99 });

        Assert.Equal(first, again);
        Assert.NotEqual(first.RocAuc.Difference.Lower, otherSeed.RocAuc.Difference.Lower);
        foreach (var metric in new[] { first.RocAuc, first.PrAuc, first.Brier, first.Ece })
            foreach (var estimate in new[] { metric.Model, metric.Rubric, metric.Difference })
            {
                Assert.NotNull(estimate.Value);
                Assert.InRange(estimate.Value!.Value, estimate.Lower!.Value, estimate.Upper!.Value);
            }
    }

    [Fact]
    public void The_difference_of_a_side_with_itself_is_exactly_zero_because_resamples_are_paired()
    {
        var rows = OutcomeRows.Noisy(300, seed: 5).Select(r => r with { RubricScore = r.ModelProbability * 100 }).ToArray();
        var result = OutcomeComparison.Compare("all", rows, null, Options);
        Assert.Equal(new Estimate(0, 0, 0), result.RocAuc.Difference);
        Assert.Equal(new Estimate(0, 0, 0), result.PrAuc.Difference);
    }

    [Fact]
    public void A_model_that_ranks_better_than_the_rubric_gets_a_positive_difference_whose_interval_excludes_zero()
    {
        var random = new Random(8);
        var rows = Enumerable.Range(0, 1000).Select(_ =>
        {
            var strength = random.NextDouble();
            var outcome = random.NextDouble() < strength;
            return new OutcomeRow(Math.Clamp(strength + (random.NextDouble() - 0.5) * 0.1, 0, 1), strength * 100 + (random.NextDouble() - 0.5) * 80, outcome, "food");
        }).ToArray();
        var result = OutcomeComparison.Compare("all", rows, null, Options);
        Assert.True(result.RocAuc.Difference.Value > 0);
        Assert.True(result.RocAuc.Difference.ExcludesZero);
    }

    [Fact]
    public void Weighted_metrics_with_unit_weights_agree_with_evaluation_and_weights_act_as_repeated_rows()
    {
        var random = new Random(4);
        var n = 300;
        var scores = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray(); // rounding makes ties
        var labels = scores.Select(s => random.NextDouble() < s).ToArray();
        var ones = Enumerable.Repeat(1, n).ToArray();
        var order = new ScoreOrder(scores);
        Assert.Equal(Evaluation.Auc(scores, labels), WeightedMetrics.RocAuc(order, labels, ones), 12);
        Assert.Equal(Evaluation.ExpectedCalibrationError(scores, labels),
            WeightedMetrics.Ece(scores, labels, ones, WeightedMetrics.BinsOf(scores, 10), new double[10]), 12);

        var weights = scores.Select(_ => random.Next(0, 3)).ToArray();
        var repeatedScores = scores.SelectMany((s, i) => Enumerable.Repeat(s, weights[i])).ToArray();
        var repeatedLabels = labels.SelectMany((l, i) => Enumerable.Repeat(l, weights[i])).ToArray();
        var repeatedOnes = Enumerable.Repeat(1, repeatedScores.Length).ToArray();
        Assert.Equal(Evaluation.Auc(repeatedScores, repeatedLabels), WeightedMetrics.RocAuc(order, labels, weights), 12);
        Assert.Equal(WeightedMetrics.AveragePrecision(new ScoreOrder(repeatedScores), repeatedLabels, repeatedOnes),
            WeightedMetrics.AveragePrecision(order, labels, weights), 12);
        Assert.Equal(WeightedMetrics.Brier(repeatedScores, repeatedLabels, repeatedOnes), WeightedMetrics.Brier(scores, labels, weights), 12);
    }

    [Fact]
    public void Cross_fitted_rubric_probabilities_rise_with_the_score_and_need_both_outcomes()
    {
        var rows = OutcomeRows.Noisy(500, seed: 2);
        var probabilities = OutcomeComparison.CrossFittedRubricProbabilities(rows, 5, seed: 1)!;
        var low = rows.Select((r, i) => (r, p: probabilities[i])).Where(x => x.r.RubricScore < 20).Average(x => x.p);
        var high = rows.Select((r, i) => (r, p: probabilities[i])).Where(x => x.r.RubricScore > 80).Average(x => x.p);
        Assert.True(high > low + 0.3, $"high {high}, low {low}");
        Assert.Null(OutcomeComparison.CrossFittedRubricProbabilities(rows.Select(r => r with { Outcome = true }).ToArray(), 5, 1));
    }

    [Fact]
    public void Thousand_resamples_of_five_thousand_rows_allocate_almost_nothing_per_resample()
    {
        // Allocations, not time: a resample that copied its rows or sorted them again would allocate hundreds of
        // kilobytes each, hundreds of megabytes in all. How long it takes is measured by the bench (validation mode).
        var rows = OutcomeRows.Noisy(5000, seed: 9);
        var probabilities = OutcomeComparison.CrossFittedRubricProbabilities(rows, 5, 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        OutcomeComparison.Compare("all", rows, probabilities, Options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8_000_000, $"allocated {allocated:N0} bytes");
    }

    private static OutcomeRow Row(double model, double rubric, bool outcome) => new(model, rubric, outcome, "manufacturing");
}
