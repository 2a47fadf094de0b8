using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Testing;

/// <summary>
/// The evidence-based prior (trained on the bundled synthetic set, as the bootstrapper publishes it), once per test
/// process: real ML.NET training (a few seconds), shared by every test that needs a model rather than trained again per
/// class or per app. Tests that are about training itself (the bootstrapper, the nightly run) still train their own.
/// </summary>
public static class TrainedOnce
{
    public static readonly DateTimeOffset TrainedAt = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static FeatureEncoder Encoder { get; } = new(QuestionnaireSchema.V1);

    private static readonly Lazy<TrainedModel> Model = new(() =>
        SyntheticPrior.Train(Encoder, TrainedAt));

    public static TrainedModel Bundled => Model.Value;
}
