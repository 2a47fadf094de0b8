using ExportReadiness.Core.Training;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace ExportReadiness.Core.Scoring;

/// <summary>A trained model, its metrics, and the held-out rows it was judged on (for intervals computed elsewhere).</summary>
public sealed record TrainedModel(ReadinessModel Model, ModelMetrics Metrics)
{
    public IReadOnlyList<HeldOutPrediction> HeldOut { get; init; } = [];
}

/// <summary>
/// Trains the readiness classifier: ML.NET's L-BFGS logistic regression on the cumulative answer encoding of
/// <see cref="FeatureEncoder"/>, with every weight kept non-negative, so the model is monotone in every answer
/// by construction (context features come in ± pairs, so they may act either way). Rows are split 60/20/20 by
/// a hash of their key, so a row (an advisor's verdict included) lands on the same side in every run and
/// champion and challenger are judged on the same held-out rows. A few L2 strengths are fitted on the training
/// rows and compared on validation rows; the one with the lower log-loss is refitted on training + validation,
/// reported on the test rows beside the rubric on the very same rows, and checked for monotonicity.
/// </summary>
public sealed class ModelTrainer(FeatureEncoder encoder, int seed = 7)
{
    public const string TrainerName = "LbfgsLogisticRegression";

    /// <summary>L2 strengths tried (on the bundled set 30 wins; weaker ones chase noise, see docs/training-data.md).</summary>
    private static readonly float[] L2Strengths = [3f, 30f, 100f];

    /// <summary>A tiny L1 term: ML.NET only keeps the bias free of the non-negativity constraint in its L1 (OWL-QN) optimiser.</summary>
    private const float L1Strength = 0.001f;

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

    public TrainedModel Train(IReadOnlyList<LabelledAssessment> rows, DateTimeOffset now, int monotonicitySamples = MonotonicityCheck.DefaultSamples)
    {
        if (rows.Count < 100) throw new ArgumentException("At least 100 labelled rows are needed to train.", nameof(rows));
        var ml = new MLContext(seed);
        var (training, validation, test) = Partition(rows);

        var candidates = new List<CandidateMetrics>();
        foreach (var l2 in L2Strengths)
        {
            var fitted = Trainer(ml, l2).Fit(ToDataView(ml, training));
            candidates.Add(new CandidateMetrics(CandidateName(l2), Measure(new ReadinessModel(ml, fitted, encoder.FeatureCount, CandidateName(l2)), validation)));
        }
        var best = candidates.MinBy(c => c.Validation.LogLoss)!;
        var bestL2 = L2Strengths[candidates.IndexOf(best)];
        var reason = $"{best.Trainer} had the lowest validation log-loss ({best.Validation.LogLoss:F4}; " +
                     string.Join(", ", candidates.Where(c => c != best).Select(c => $"{c.Trainer} {c.Validation.LogLoss:F4}")) + ").";

        var version = $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{TrainerName.ToLowerInvariant()}";
        var final = Trainer(ml, bestL2).Fit(ToDataView(ml, [.. training, .. validation]));
        var model = new ReadinessModel(ml, final, encoder.FeatureCount, version);
        var heldOut = Predict(model, [.. training, .. validation], test);

        var metrics = new ModelMetrics
        {
            Version = version,
            Trainer = TrainerName,
            SchemaVersion = encoder.Schema.SchemaVersion,
            FeatureCount = encoder.FeatureCount,
            TrainedAt = now,
            TrainingRows = training.Length + validation.Length,
            HeldOutRows = test.Length,
            AdvisorVerdicts = rows.Count(r => r.Key is not null),
            Model = Evaluation.Measure([.. heldOut.Select(h => h.Model)], [.. heldOut.Select(h => h.Label)], [.. heldOut.Select(h => h.Weight)]),
            Rubric = Evaluation.Measure([.. heldOut.Select(h => h.Rubric)], [.. heldOut.Select(h => h.Label)], [.. heldOut.Select(h => h.Weight)],
                rankingScores: [.. heldOut.Select(h => h.RubricScore)]),
            Candidates = candidates,
            SelectionReason = reason,
            Monotonicity = MonotonicityCheck.Run(model, encoder, monotonicitySamples),
        };
        return new TrainedModel(model, metrics) { HeldOut = heldOut };
    }

    public HeldOutMetrics Measure(ReadinessModel model, IReadOnlyList<LabelledAssessment> rows)
    {
        var probabilities = model.PredictProbabilities(rows.Select(r => encoder.Encode(r.Company, r.Answers)).ToList());
        return Evaluation.Measure(probabilities, rows.Select(r => r.ExportReady).ToArray(), rows.Select(r => r.Weight).ToArray());
    }

    /// <summary>The rubric's overall score, Platt-scaled on the training rows so it has a probability too.</summary>
    public HeldOutMetrics MeasureRubric(IReadOnlyList<LabelledAssessment> training, IReadOnlyList<LabelledAssessment> test)
    {
        var rows = RubricPredictions(training, test);
        return Evaluation.Measure(rows.Select(r => r.Probability).ToList(), test.Select(r => r.ExportReady).ToList(),
            test.Select(r => r.Weight).ToArray(), rankingScores: rows.Select(r => r.Score).ToList());
    }

    private List<(double Score, double Probability)> RubricPredictions(IReadOnlyList<LabelledAssessment> training, IReadOnlyList<LabelledAssessment> test)
    {
        var rubric = new Rubric(encoder.Schema);
        var calibrate = Evaluation.FitPlatt(
            training.Select(r => rubric.Overall(r.Company.Sector, r.Answers)).ToList(),
            training.Select(r => r.ExportReady).ToList());
        return test.Select(r => rubric.Overall(r.Company.Sector, r.Answers)).Select(s => (s, calibrate(s))).ToList();
    }

    private List<HeldOutPrediction> Predict(ReadinessModel model, IReadOnlyList<LabelledAssessment> training, IReadOnlyList<LabelledAssessment> test)
    {
        var probabilities = model.PredictProbabilities(test.Select(r => encoder.Encode(r.Company, r.Answers)).ToList());
        var rubric = RubricPredictions(training, test);
        return test.Select((r, i) => new HeldOutPrediction(r.Key, r.Company.Sector, r.ExportReady, r.Weight, probabilities[i], rubric[i].Probability, rubric[i].Score)).ToList();
    }

    /// <summary>Encoded once into memory: L-BFGS reads the data on every iteration.</summary>
    private IDataView ToDataView(MLContext ml, IEnumerable<LabelledAssessment> rows) =>
        ml.Data.LoadFromEnumerable(
            rows.Select(r => new ReadinessExample { Features = encoder.Encode(r.Company, r.Answers), Label = r.ExportReady, Weight = r.Weight }).ToList(),
            ReadinessModel.InputSchema(encoder.FeatureCount));

    private static string CandidateName(float l2) => $"{TrainerName}(l2={l2.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>The monotone learner: non-negative L-BFGS logistic regression on the weighted rows (also the prior-weighted refit's).</summary>
    internal static LbfgsLogisticRegressionBinaryTrainer Trainer(MLContext ml, float l2) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(ReadinessExample.Label),
            FeatureColumnName = nameof(ReadinessExample.Features),
            ExampleWeightColumnName = nameof(ReadinessExample.Weight),
            EnforceNonNegativity = true,
            L1Regularization = L1Strength,
            L2Regularization = l2,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
            NumberOfThreads = 1,
        });
}
