using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Training;

/// <summary>
/// Real labels update the prior from the first hundred (issue 16): on rows of a truth that differs from the prior, the
/// published model learns what the labels say; on random labels nothing is published; every published model is monotone.
/// </summary>
public class RealLabelLearningTests(LearningFixture fixture) : IClassFixture<LearningFixture>
{
    [Fact]
    public void With_200_labels_the_published_model_ranks_fresh_rows_better_than_the_prior_and_within_0_02_of_a_logit_on_the_labels_alone()
    {
        var outcome = fixture.With200Labels;
        Assert.True(outcome.Decision.PublishChallenger, outcome.Decision.Reason);
        var published = fixture.FreshAuc(fixture.Score(fixture.Published(outcome)));
        var prior = fixture.FreshAuc(fixture.Score(fixture.Prior.Model));
        var plain = fixture.FreshAuc(TruthModels.PlainLogit(fixture.Encoder, fixture.Labels200, fixture.Fresh));

        Assert.True(published > prior, $"published {published:F4} vs prior {prior:F4}");
        Assert.True(published >= plain - 0.02, $"published {published:F4} vs plain logit on the 200 labels {plain:F4}");
    }

    [Fact]
    public void With_200_labels_the_published_models_probabilities_are_calibrated_on_held_out_rows_of_the_truth()
    {
        var outcome = fixture.With200Labels;
        Assert.True(outcome.Decision.PublishChallenger, outcome.Decision.Reason);
        var ece = Evaluation.ExpectedCalibrationError(fixture.Score(fixture.Published(outcome)), [.. fixture.Fresh.Select(r => r.ExportReady)]);
        var priorEce = Evaluation.ExpectedCalibrationError(fixture.Score(fixture.Prior.Model), [.. fixture.Fresh.Select(r => r.ExportReady)]);

        Assert.True(ece <= 0.05, $"ECE {ece:F3} (the prior's {priorEce:F3})");
    }

    [Fact]
    public void With_2000_labels_the_published_model_ranks_fresh_rows_within_0_01_of_the_truths_own_weights()
    {
        var outcome = fixture.With2000Labels;
        Assert.True(outcome.Decision.PublishChallenger, outcome.Decision.Reason);
        var published = fixture.FreshAuc(fixture.Score(fixture.Published(outcome)));
        var oracle = fixture.FreshAuc([.. fixture.Fresh.Select(r => TruthModels.OracleLogit(OutcomeFileBuilder.DifferentFromPrior, fixture.Encoder, r))]);

        Assert.True(published >= oracle - 0.01, $"published {published:F4} vs the truth's own weights {oracle:F4}");
    }

    [Fact]
    public void Randomly_labelled_verdicts_never_publish_a_challenger_and_the_decision_says_the_labels_carry_no_signal()
    {
        Assert.All(fixture.WithRandomLabels, outcome =>
        {
            Assert.False(outcome.Decision.PublishChallenger, outcome.Decision.Reason);
            Assert.StartsWith("Champion kept", outcome.Decision.Reason);
            Assert.Contains("does not lie above chance", outcome.Decision.Reason);
        });
    }

    [Fact]
    public void Every_published_model_is_monotone_also_after_a_save_and_load()
    {
        foreach (var outcome in new[] { fixture.With200Labels, fixture.With2000Labels }.Where(o => o.Decision.PublishChallenger))
        {
            Assert.Equal(0, outcome.Challenger.Metrics.Monotonicity!.Violations);
            using var zip = new MemoryStream();
            outcome.Challenger.Model.Save(zip);
            zip.Position = 0;
            var loaded = ReadinessModel.Load(zip, fixture.Encoder.FeatureCount, outcome.Challenger.Metrics.Version);
            Assert.Equal(0, MonotonicityCheck.Run(loaded, fixture.Encoder, LearningFixture.MonotonicitySamples, seed: 21).Violations);
            Assert.All(Enumerable.Range(0, fixture.Encoder.AnswerFeatureCount), i => Assert.True(loaded.Weights[i] >= 0, $"feature {i}: {loaded.Weights[i]}"));
        }
    }

    [Fact]
    public void The_explanation_adds_up_to_what_ml_net_scores_for_a_recalibrated_model_and_a_loaded_one()
    {
        var model = fixture.With2000Labels.Challenger.Model;
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;
        var loaded = ReadinessModel.Load(zip, fixture.Encoder.FeatureCount, model.Version);
        foreach (var row in fixture.Fresh.Take(20))
        {
            var features = fixture.Encoder.Encode(row.Company, row.Answers);
            Assert.Equal(model.PredictProbability(features), Evaluation.Sigmoid(model.Bias + model.Logits(features).Sum()), 4);
            Assert.Equal(model.PredictProbability(features), loaded.PredictProbability(features), 5);
        }
        Assert.Equal(model.Recalibration, loaded.Recalibration);
    }

    [Fact]
    public void A_published_model_records_its_prior_strength_calibration_labels_and_real_row_figures_beside_the_prior_and_the_rubric()
    {
        var metrics = fixture.With2000Labels.Challenger.Metrics;
        Assert.Equal(SyntheticPrior.Version, metrics.Recipe!.PriorVersion);
        Assert.False(metrics.Recipe.IsPriorAlone);
        Assert.Equal(2000, metrics.Recipe.Labels.Rows);
        Assert.Equal(fixture.With2000Labels.Challenger.Model.Recalibration, metrics.Recipe.Calibration);
        var real = metrics.RealRows!;
        Assert.Equal(2000, real.Rows);
        foreach (var figure in new[] { real.Model.RocAuc, real.Prior.RocAuc, real.Rubric.RocAuc, real.Model.LogLoss, real.Champion!.LogLoss })
            Assert.InRange(figure.Value!.Value, figure.Lower!.Value, figure.Upper!.Value);
        Assert.True(real.AucVersusPrior.Lower > 0, $"AUC − prior {real.AucVersusPrior}");
        Assert.Equal(metrics.Candidates.Count, 2 * new PriorWeightOptions().Strengths.Count);
        Assert.Equal(2000, metrics.Reliability!.Sum(b => b.Rows));
        Assert.All(metrics.Reliability!, b => Assert.InRange(b.MeanPredicted, b.Lower, b.Upper));
    }

    [Fact]
    public void The_weights_that_moved_most_include_the_sector_the_truth_favours_far_more_than_the_prior_with_an_interval()
    {
        var shifts = fixture.With2000Labels.Challenger.Metrics.WeightShifts!;
        var tourism = shifts.Single(s => s.Term == "tourism" && s.Kind == WeightShift.Sector);
        Assert.True(tourism.Shift > 0, $"tourism moved {tourism.Shift:F2}");
        Assert.Contains(tourism, shifts.Take(10));
        Assert.True(tourism.Lower < tourism.Model && tourism.Model < tourism.Upper);
        Assert.Equal(EvidenceStrength.Against, shifts.Single(s => s.Term == "digi_trade_fairs").Evidence);
    }

    [Fact]
    public void A_champion_of_the_same_recipe_is_refitted_fold_by_fold_and_is_not_replaced_when_the_labels_did_not_change()
    {
        var first = fixture.With200Labels.Challenger;
        var again = fixture.Learn(fixture.Labels200, new ChampionModel(first.Model, first.Metrics.Recipe));

        Assert.Contains("re-fitted fold by fold", again.Decision.Reason);
        Assert.True(again.Challenger.Metrics.Recipe!.SameMethodAs(first.Metrics.Recipe!), again.Decision.Reason);
        Assert.False(again.Decision.PublishChallenger, again.Decision.Reason);
        Assert.Contains("nothing new to learn", again.Decision.Reason);
    }
}
