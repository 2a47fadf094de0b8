using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Core.Tests;

/// <summary>Trains once on the bundled synthetic set, for every test that needs a real model.</summary>
public sealed class TrainedModelFixture
{
    public TrainedModelFixture()
    {
        Encoder = new FeatureEncoder(QuestionnaireSchema.V1);
        Trained = new ModelTrainer(Encoder).Train(BundledTrainingSet.Load(QuestionnaireSchema.V1), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
    }

    public FeatureEncoder Encoder { get; }
    public TrainedModel Trained { get; }
}
