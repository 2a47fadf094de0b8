using ExportReadiness.Core.Training;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ExportReadiness.Core.Scoring;

public sealed record TrainedModel(ReadinessModel Model, ModelMetrics Metrics);

/// <summary>
/// Trains the readiness classifier. Rows are split 60/20/20 by a hash of their key, so a row (an advisor's
/// verdict included) lands on the same side in every run and champion and challenger are judged on the
/// same held-out rows. FastTree and LightGbm are fitted on the training rows and compared on validation
/// rows; the one with the lower log-loss (ranking and calibration together) is refitted on training +
/// validation and reported on the test rows, beside the rubric on the very same rows.
/// </summary>
public sealed class ModelTrainer(FeatureEncoder encoder, int seed = 7)
{
    public sealed record Split(LabelledAssessment[] Training, LabelledAssessment[] Validation, LabelledAssessment[] Test);

    public static Split Partition(IReadOnlyList<LabelledAssessment> rows)
    {
        var buckets = rows.Select((r, i) => (Row: r, Bucket: StableHash(r.Key ?? $"row-{i}") % 5)).ToList();
        return new Split(
            buckets.Where(b => b.Bucket >= 2).Select(b => b.Row).ToArray(),
            buckets.Where(b => b.Bucket == 1).Select(b => b.Row).ToArray(),
            buckets.Where(b => b.Bucket == 0).Select(b => b.Row).ToArray());
    }

    /// <summary>FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.</summary>
    private static uint StableHash(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    public TrainedModel Train(IReadOnlyList<LabelledAssessment> rows, DateTimeOffset now)
    {
        if (rows.Count < 100) throw new ArgumentException("At least 100 labelled rows are needed to train.", nameof(rows));
        var ml = new MLContext(seed);
        var (training, validation, test) = Partition(rows);

        var candidates = new List<CandidateMetrics>();
        foreach (var (name, trainer) in Trainers(ml))
        {
            var fitted = trainer.Fit(ToDataView(ml, training));
            candidates.Add(new CandidateMetrics(name, Measure(new ReadinessModel(ml, fitted, encoder.FeatureCount, name), validation)));
        }
        var best = candidates.MinBy(c => c.Validation.LogLoss)!;
        var other = candidates.First(c => c != best);
        var reason = $"{best.Trainer} had the lower validation log-loss ({best.Validation.LogLoss:F4} vs {other.Validation.LogLoss:F4}; " +
                     $"AUC {best.Validation.Auc:F4} vs {other.Validation.Auc:F4}).";

        var version = $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{best.Trainer.ToLowerInvariant()}";
        var final = Trainers(ml).First(t => t.Name == best.Trainer).Trainer.Fit(ToDataView(ml, [.. training, .. validation]));
        var model = new ReadinessModel(ml, final, encoder.FeatureCount, version);

        var metrics = new ModelMetrics
        {
            Version = version,
            Trainer = best.Trainer,
            SchemaVersion = encoder.Schema.SchemaVersion,
            FeatureCount = encoder.FeatureCount,
            TrainedAt = now,
            TrainingRows = training.Length + validation.Length,
            HeldOutRows = test.Length,
            AdvisorVerdicts = rows.Count(r => r.Key is not null),
            Model = Measure(model, test),
            Rubric = MeasureRubric([.. training, .. validation], test),
            Candidates = candidates,
            SelectionReason = reason,
        };
        return new TrainedModel(model, metrics);
    }

    public HeldOutMetrics Measure(ReadinessModel model, IReadOnlyList<LabelledAssessment> rows)
    {
        var probabilities = model.PredictProbabilities(rows.Select(r => encoder.Encode(r.Company, r.Answers)).ToList());
        var labels = rows.Select(r => r.ExportReady).ToArray();
        return new HeldOutMetrics(
            Evaluation.Auc(probabilities, labels),
            Evaluation.LogLoss(probabilities, labels, rows.Select(r => r.Weight).ToArray()),
            Evaluation.ExpectedCalibrationError(probabilities, labels));
    }

    /// <summary>The rubric's overall score, Platt-scaled on the training rows so it has a probability too.</summary>
    public HeldOutMetrics MeasureRubric(IReadOnlyList<LabelledAssessment> training, IReadOnlyList<LabelledAssessment> test)
    {
        var rubric = new Rubric(encoder.Schema);
        var calibrate = Evaluation.FitPlatt(
            training.Select(r => rubric.Overall(r.Company.Sector, r.Answers)).ToList(),
            training.Select(r => r.ExportReady).ToList());
        var scores = test.Select(r => rubric.Overall(r.Company.Sector, r.Answers)).ToList();
        var probabilities = scores.Select(calibrate).ToList();
        var labels = test.Select(r => r.ExportReady).ToList();
        return new HeldOutMetrics(
            Evaluation.Auc(scores, labels),
            Evaluation.LogLoss(probabilities, labels, test.Select(r => r.Weight).ToArray()),
            Evaluation.ExpectedCalibrationError(probabilities, labels));
    }

    private IDataView ToDataView(MLContext ml, IEnumerable<LabelledAssessment> rows) =>
        ml.Data.LoadFromEnumerable(
            rows.Select(r => new ReadinessExample { Features = encoder.Encode(r.Company, r.Answers), Label = r.ExportReady, Weight = r.Weight }),
            ReadinessModel.InputSchema(encoder.FeatureCount));

    private IEnumerable<(string Name, IEstimator<ITransformer> Trainer)> Trainers(MLContext ml)
    {
        yield return ("FastTree", ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(ReadinessExample.Label),
            FeatureColumnName = nameof(ReadinessExample.Features),
            ExampleWeightColumnName = nameof(ReadinessExample.Weight),
            NumberOfLeaves = 16,
            NumberOfTrees = 200,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            Seed = seed,
        }));
        yield return ("LightGbm", ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(ReadinessExample.Label),
            FeatureColumnName = nameof(ReadinessExample.Features),
            ExampleWeightColumnName = nameof(ReadinessExample.Weight),
            NumberOfLeaves = 16,
            NumberOfIterations = 200,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            Seed = seed,
            Deterministic = true,
        }));
    }
}
