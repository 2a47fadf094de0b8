using System.Diagnostics;
using System.Globalization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;

/// <summary>
/// The learning curve (issue 16): for each number of real labels of a truth that differs from the prior
/// (<see cref="OutcomeFileBuilder.DifferentFromPrior"/>), the nightly learning step as the run does it (the prior trained,
/// then <see cref="RealLabelLearning"/> against the prior as champion), and the ROC AUC on 4,000 fresh rows of that truth
/// of the model in use afterwards, of the prior, of a plain logit on the labels alone and of the truth's own weights. The
/// method before issue 16 (every label five synthetic rows, judged on a mostly synthetic held-out set) runs beside it.
/// Then random labels: how often they publish. Times are wall clock on this machine, single run each.
/// </summary>
internal static class LearningCurve
{
    public static int Run(IReadOnlyList<int> sizes, int seeds, int randomSeeds)
    {
        var schema = QuestionnaireSchema.V1;
        var encoder = new FeatureEncoder(schema);
        var truth = OutcomeFileBuilder.DifferentFromPrior;
        var synthetic = BundledTrainingSet.Load(schema);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var prior = SyntheticPrior.Train(encoder, now);
        var priorTime = clock.Elapsed;
        var fresh = OutcomeFileBuilder.Rows(truth, 4000, seed: 777);
        var freshLabels = fresh.Select(r => r.ExportReady).ToArray();
        var freshFeatures = fresh.Select(r => encoder.Encode(r.Company, r.Answers)).ToList();
        double Auc(IReadOnlyList<double> scores) => Evaluation.Auc(scores, freshLabels);
        var priorAuc = Auc(prior.Model.PredictProbabilities(freshFeatures));
        var oracleAuc = Auc([.. fresh.Select(r => TruthModels.OracleLogit(truth, encoder, r))]);
        Console.WriteLine($"{Environment.ProcessorCount} cores; the prior trains in {priorTime.TotalSeconds:F1} s (with its 10,000-raise check); " +
                          $"fresh rows: {fresh.Count}, {freshLabels.Count(l => l)} export-ready; prior AUC {priorAuc:F4}, truth's own weights {oracleAuc:F4}");
        Console.WriteLine();
        Console.WriteLine("| labels | seed | published | chosen | AUC published | AUC prior | AUC plain logit on labels | AUC truth | ECE published | retrain (prior + learning) | before issue 16: published, AUC |");
        Console.WriteLine("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---|");
        var learning = new RealLabelLearning(encoder);
        foreach (var n in sizes)
            for (var seed = 1; seed <= seeds; seed++)
            {
                var labels = OutcomeFileBuilder.Rows(truth, n, seed: 1000 + seed);
                clock.Restart();
                var outcome = learning.Learn(prior, synthetic, labels, TrainingLabels.Of(labels, n, []), new ChampionModel(prior.Model, prior.Metrics.Recipe), now);
                var learnTime = clock.Elapsed;
                var inUse = outcome.Decision.PublishChallenger ? outcome.Challenger.Model : prior.Model;
                var scores = inUse.PredictProbabilities(freshFeatures);
                var plain = Auc(TruthModels.PlainLogit(encoder, labels, fresh));
                var (oldPublished, oldModel) = BeforeIssue16(encoder, synthetic, labels, prior, now);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n} | {seed} | {(outcome.Decision.PublishChallenger ? "yes" : "no")} | {Chosen(outcome)} | {Auc(scores):F4} | {priorAuc:F4} | {plain:F4} | {oracleAuc:F4} | " +
                    $"{Evaluation.ExpectedCalibrationError(scores, freshLabels):F3} | {(priorTime + learnTime).TotalSeconds:F1} s | {(oldPublished ? "yes" : "no")}, {Auc(oldModel.PredictProbabilities(freshFeatures)):F4} |"));
            }

        Console.WriteLine();
        var published = 0;
        for (var seed = 1; seed <= randomSeeds; seed++)
        {
            var coin = new Random(seed);
            var labels = OutcomeFileBuilder.Rows(truth, 500, seed: 5000 + seed).Select(r => r with { ExportReady = coin.NextDouble() < 0.4 }).ToList();
            if (learning.Learn(prior, synthetic, labels, TrainingLabels.Of(labels, labels.Count, []), new ChampionModel(prior.Model, prior.Metrics.Recipe), now, 2000).Decision.PublishChallenger)
                published++;
        }
        Console.WriteLine($"500 randomly labelled verdicts, {randomSeeds} seeds: {published} published.");
        return 0;
    }

    private static string Chosen(LearningOutcome outcome) => outcome.Challenger.Metrics.Recipe is { } r
        ? $"{(r.PriorStrength is { } strength ? $"s = {RealLabelLearning.Strength(strength)}" : "prior only")}{(r.Calibration is null ? "" : ", Platt")}"
        : "–";

    /// <summary>
    /// The nightly run before issue 16: the bundled set plus every label as five synthetic rows, one L-BFGS fit, judged
    /// against the prior on held-out rows that are mostly synthetic (by more than 0.002 of log-loss).
    /// </summary>
    private static (bool Published, ReadinessModel Model) BeforeIssue16(FeatureEncoder encoder, IReadOnlyList<LabelledAssessment> synthetic,
        IReadOnlyList<LabelledAssessment> labels, TrainedModel prior, DateTimeOffset now)
    {
        var trainer = new ModelTrainer(encoder);
        var rows = synthetic.Concat(labels.Select(l => l with { Weight = 5f })).ToList();
        var challenger = trainer.Train(rows, now, 2000);
        var decision = ChampionChallenger.Decide(trainer.Measure(prior.Model, ModelTrainer.Partition(rows).Test), challenger);
        return (decision.PublishChallenger, decision.PublishChallenger ? challenger.Model : prior.Model);
    }
}
