using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Application.Tests;

/// <summary>
/// The model every test scores with, trained once per test run (about three seconds) on the bundled set, the set the
/// bootstrapper trains a new deployment's model on. Tests publish it to their own in-memory model repository.
/// </summary>
public static class SharedModel
{
    private static readonly Lazy<TrainedModel> Model = new(() =>
        new ModelTrainer(new FeatureEncoder(QuestionnaireSchema.V1)).Train(BundledTrainingSet.Load(QuestionnaireSchema.V1), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)));

    public static TrainedModel Trained => Model.Value;

    public static string Version => Trained.Metrics.Version;
}
