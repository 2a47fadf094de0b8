using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Training;

/// <summary>The synthetic training set shipped inside this assembly (see docs/training-data.md).</summary>
public static class BundledTrainingSet
{
    public const string ResourceName = "training.synthetic-v1.csv";

    public static List<LabelledAssessment> Load(QuestionnaireSchema schema)
    {
        using var stream = typeof(BundledTrainingSet).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Training resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return TrainingCsv.Read(reader, schema);
    }
}
