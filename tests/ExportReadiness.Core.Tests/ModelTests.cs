using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;
using Microsoft.ML;

namespace ExportReadiness.Core.Tests;

public class ModelTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private readonly ModelMetrics _metrics = fixture.Trained.Metrics;

    [Fact]
    public void The_model_ranks_held_out_products_better_than_the_rubric()
    {
        Assert.True(_metrics.Model.Auc > _metrics.Rubric.Auc,
            $"model AUC {_metrics.Model.Auc:F4} should beat rubric AUC {_metrics.Rubric.Auc:F4} on the same {_metrics.HeldOutRows} rows");
    }

    [Fact]
    public void The_models_probabilities_are_calibrated_on_held_out_rows()
    {
        Assert.InRange(_metrics.Model.ExpectedCalibrationError, 0, 0.06);
        Assert.True(_metrics.Model.LogLoss < _metrics.Rubric.LogLoss);
    }

    [Fact]
    public void Several_regularisation_strengths_are_compared_and_the_choice_is_explained()
    {
        Assert.Equal(3, _metrics.Candidates.Count);
        Assert.All(_metrics.Candidates, c => Assert.StartsWith(ModelTrainer.TrainerName, c.Trainer));
        Assert.Contains(_metrics.Candidates.MinBy(c => c.Validation.LogLoss)!.Trainer, _metrics.SelectionReason);
        Assert.EndsWith(_metrics.Trainer.ToLowerInvariant(), _metrics.Version);
    }

    [Fact]
    public void Held_out_rows_carry_both_probabilities_and_every_metric_is_reported()
    {
        Assert.NotEmpty(fixture.Trained.HeldOut);
        Assert.Equal(_metrics.HeldOutRows, fixture.Trained.HeldOut.Count);
        Assert.All(fixture.Trained.HeldOut, h => Assert.InRange(h.Model, 0, 1));
        Assert.All(fixture.Trained.HeldOut, h => Assert.InRange(h.Rubric, 0, 1));
        Assert.Equal(_metrics.Model.Auc, Evaluation.Auc([.. fixture.Trained.HeldOut.Select(h => h.Model)], [.. fixture.Trained.HeldOut.Select(h => h.Label)]), 10);
        foreach (var m in new[] { _metrics.Model, _metrics.Rubric })
        {
            Assert.InRange(m.PrAuc!.Value, 0, 1);
            Assert.InRange(m.Brier!.Value, 0, 0.25);
        }
    }

    [Fact]
    public void Every_answer_weight_is_non_negative()
    {
        var weights = fixture.Trained.Model.Weights;
        Assert.All(Enumerable.Range(0, fixture.Encoder.AnswerFeatureCount), i => Assert.True(weights[i] >= 0, $"{fixture.Encoder.FeatureNames()[i]} has weight {weights[i]}"));
    }

    [Fact]
    public void The_linear_decomposition_reproduces_ml_nets_probability()
    {
        var model = fixture.Trained.Model;
        var mixed = AssessmentBuilder.Mixed().ToSubmission();
        var features = fixture.Encoder.Encode(mixed.Company, mixed.Answers);
        Assert.Equal(model.PredictProbability(features), Evaluation.Sigmoid(model.Bias + model.Logits(features).Sum()), 5);
    }

    [Fact]
    public void A_strong_product_scores_higher_than_a_weak_one_and_has_no_gaps()
    {
        var scorer = new AssessmentScorer(fixture.Encoder);
        var strong = AssessmentBuilder.Strong().ToSubmission();
        var weak = AssessmentBuilder.Weak().ToSubmission();
        var strongResult = scorer.Score(fixture.Trained.Model, strong.Company, strong.Answers, DateTimeOffset.UtcNow);
        var weakResult = scorer.Score(fixture.Trained.Model, weak.Company, weak.Answers, DateTimeOffset.UtcNow);

        Assert.True(strongResult.ReadinessScore > weakResult.ReadinessScore + 40);
        Assert.Equal(ReadinessLevel.NotReady, weakResult.Level);
        Assert.Empty(strongResult.TopGaps);
        Assert.Equal(fixture.Trained.Model.Version, strongResult.ModelVersion);
    }

    [Fact]
    public void Gaps_name_the_weak_answers_with_a_recommendation_largest_impact_first()
    {
        var scorer = new AssessmentScorer(fixture.Encoder);
        var mixed = AssessmentBuilder.Mixed().ToSubmission();
        var result = scorer.Score(fixture.Trained.Model, mixed.Company, mixed.Answers, DateTimeOffset.UtcNow);

        Assert.Equal(AssessmentScorer.GapCount, result.TopGaps.Count);
        Assert.All(result.TopGaps, g => Assert.False(string.IsNullOrWhiteSpace(g.Recommendation.Sv)));
        var strongIds = AssessmentBuilder.Strong().ToSubmission().Answers;
        Assert.All(result.TopGaps, g => Assert.NotEqual(strongIds[g.QuestionId], mixed.Answers[g.QuestionId]));
        Assert.Equal(result.TopGaps.OrderByDescending(g => g.Impact).Select(g => g.Impact), result.TopGaps.Select(g => g.Impact));
    }

    [Fact]
    public void Concurrent_predictions_agree_with_sequential_ones()
    {
        var model = fixture.Trained.Model;
        var rows = Enumerable.Range(0, 200).Select(i => (i % 3 == 0 ? AssessmentBuilder.Strong() : i % 3 == 1 ? AssessmentBuilder.Mixed() : AssessmentBuilder.Weak()).ToSubmission())
            .Select(s => fixture.Encoder.Encode(s.Company, s.Answers)).ToArray();
        var sequential = rows.Select(model.PredictProbability).ToArray();
        var parallel = new double[rows.Length];
        Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = model.PredictProbability(rows[i]));
        Assert.Equal(sequential, parallel);
        Assert.Equal(sequential, model.PredictProbabilities(rows));
    }

    [Fact]
    public void A_saved_model_loads_back_and_predicts_the_same()
    {
        var model = fixture.Trained.Model;
        var features = fixture.Encoder.Encode(AssessmentBuilder.Mixed().ToSubmission().Company, AssessmentBuilder.Mixed().ToSubmission().Answers);
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;
        var loaded = ReadinessModel.Load(zip, fixture.Encoder.FeatureCount, model.Version);
        Assert.Equal(model.PredictProbability(features), loaded.PredictProbability(features), 6);
    }

    [Fact]
    public void A_model_for_another_feature_layout_is_refused()
    {
        using var zip = new MemoryStream();
        fixture.Trained.Model.Save(zip);
        zip.Position = 0;
        Assert.Throws<InvalidDataException>(() => ReadinessModel.Load(zip, fixture.Encoder.FeatureCount + 1, "x"));
    }

    [Fact]
    public void A_tree_model_saved_by_an_older_version_is_refused_even_with_the_same_feature_count()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 200).Select(i => new ReadinessExample
        {
            Features = [.. Enumerable.Range(0, fixture.Encoder.FeatureCount).Select(j => (float)((i * 7 + j) % 5))],
            Label = i % 2 == 0,
        });
        var data = ml.Data.LoadFromEnumerable(rows, ReadinessModel.InputSchema(fixture.Encoder.FeatureCount));
        var trees = ml.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "Features", numberOfTrees: 2).Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(trees, data.Schema, zip);
        zip.Position = 0;
        Assert.Throws<InvalidDataException>(() => ReadinessModel.Load(zip, fixture.Encoder.FeatureCount, "old-fasttree"));
    }

    [Fact]
    public void The_monotonicity_check_runs_on_every_trained_model_and_finds_no_drop()
    {
        Assert.Equal(MonotonicityCheck.DefaultSamples, _metrics.Monotonicity!.Checks);
        Assert.Equal(0, _metrics.Monotonicity.Violations);
    }
}
