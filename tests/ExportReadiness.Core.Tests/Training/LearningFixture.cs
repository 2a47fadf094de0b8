using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Training;

/// <summary>
/// Takes the run's prior (<see cref="TrainedOnce"/>) and runs the learning step once per scenario the tests ask about (200 and 2,000 labels of
/// <see cref="DifferentTruth"/>, 500 random labels under three seeds), each against the prior as champion. Scenarios are
/// computed on first use and shared by every test.
/// </summary>
public sealed class LearningFixture
{
    public const int MonotonicitySamples = 2000;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly Lazy<LearningOutcome> _with200;
    private readonly Lazy<LearningOutcome> _with2000;
    private readonly Lazy<IReadOnlyList<LearningOutcome>> _random;

    public LearningFixture()
    {
        Encoder = TrainedOnce.Encoder;
        Synthetic = BundledTrainingSet.Load(QuestionnaireSchema.V1);
        // The prior as every test of the run has it (trained once), not trained again here.
        Prior = TrainedOnce.Bundled;
        Fresh = OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 4000, seed: 777);
        Labels200 = OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 200, seed: 1001);
        _with200 = new(() => Learn(Labels200));
        _with2000 = new(() => Learn(OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 2000, seed: 1001)));
        _random = new(() => [.. new[] { 11, 12, 13 }.Select(seed =>
        {
            var coin = new Random(seed);
            return Learn([.. OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 500, seed).Select(r => r with { ExportReady = coin.NextDouble() < 0.4 })]);
        })]);
    }

    public FeatureEncoder Encoder { get; }
    public IReadOnlyList<LabelledAssessment> Synthetic { get; }
    public TrainedModel Prior { get; }
    public IReadOnlyList<LabelledAssessment> Fresh { get; }
    public IReadOnlyList<LabelledAssessment> Labels200 { get; }

    public LearningOutcome With200Labels => _with200.Value;
    public LearningOutcome With2000Labels => _with2000.Value;
    public IReadOnlyList<LearningOutcome> WithRandomLabels => _random.Value;

    public ChampionModel PriorAsChampion => new(Prior.Model, Prior.Metrics.Recipe);

    public LearningOutcome Learn(IReadOnlyList<LabelledAssessment> real, ChampionModel? champion = null) =>
        new RealLabelLearning(Encoder).Learn(Prior, Synthetic, real, TrainingLabels.Of(real, real.Count, []), champion ?? PriorAsChampion, Now, MonotonicitySamples);

    /// <summary>The model in use after a run: the challenger if it was published, else the prior.</summary>
    public ReadinessModel Published(LearningOutcome outcome) => outcome.Decision.PublishChallenger ? outcome.Challenger.Model : Prior.Model;

    public double[] Score(ReadinessModel model) => model.PredictProbabilities([.. Fresh.Select(r => Encoder.Encode(r.Company, r.Answers))]);

    public double FreshAuc(IReadOnlyList<double> scores) => Evaluation.Auc(scores, [.. Fresh.Select(r => r.ExportReady)]);
}
