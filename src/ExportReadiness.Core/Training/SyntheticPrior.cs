using System.Security.Cryptography;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// The evidence-based prior: the model <see cref="ModelTrainer"/> fits on the bundled synthetic set. It is trained the same
/// way, byte for byte, in every run, so a run can rebuild it instead of storing it; its version names the bundled file it
/// came from, so a model's recipe says which prior it started from and a changed prior is noticed.
/// </summary>
public static class SyntheticPrior
{
    private static readonly Lazy<string> CurrentVersion = new(() =>
    {
        using var stream = typeof(SyntheticPrior).Assembly.GetManifestResourceStream(BundledTrainingSet.ResourceName)
            ?? throw new InvalidOperationException($"Training resource {BundledTrainingSet.ResourceName} is missing.");
        return $"synthetic-v1-{Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}";
    });

    /// <summary>Names the bundled training set (and so the prior trained on it).</summary>
    public static string Version => CurrentVersion.Value;

    /// <summary>
    /// The prior, trained on the bundled set, with its recipe, its reliability on the synthetic held-out rows and the
    /// synthetic set's profile (what later assessments are compared with until real labels have been learned from).
    /// </summary>
    /// <param name="bundled">The bundled set, when the caller has loaded it already (it reads it again for the refit).</param>
    public static TrainedModel Train(FeatureEncoder encoder, DateTimeOffset now, int monotonicitySamples = MonotonicityCheck.DefaultSamples,
        IReadOnlyList<LabelledAssessment>? bundled = null)
    {
        var rows = bundled ?? BundledTrainingSet.Load(encoder.Schema);
        var trained = new ModelTrainer(encoder).Train(rows, now, monotonicitySamples);
        return trained with
        {
            Metrics = trained.Metrics with
            {
                Recipe = ModelRecipe.Prior(Version),
                Reliability = ReliabilityBin.Of([.. trained.HeldOut.Select(h => h.Model)], [.. trained.HeldOut.Select(h => h.Label)]),
                Profile = TrainingProfile.Of(TrainingProfile.Synthetic, [.. rows.Select(r => (r.Company, r.Answers))], trained.Model, encoder),
            },
        };
    }
}
