namespace ExportReadiness.Core.Training;

/// <summary>
/// A simulated truth for <see cref="SyntheticTrainingSet"/>: the log-odds of moving each answer from its lowest to its
/// top level, the size, age and sector terms, and the intercept. The bundled set uses the evidence-based prior
/// (<see cref="EvidenceWeights.Prior"/>); tests and the learning-curve bench use tables that differ from it, so they can
/// show whether real labels move a model away from the prior when the prior is wrong.
/// </summary>
public sealed record OutcomeWeights(
    IReadOnlyDictionary<string, double> Questions,
    double LogEmployees,
    double LogAge,
    IReadOnlyDictionary<string, double> Sectors,
    double Intercept)
{
    /// <summary>This table with some answer weights replaced (the others kept).</summary>
    public OutcomeWeights WithQuestions(IReadOnlyDictionary<string, double> changes) => this with
    {
        Questions = Questions.ToDictionary(q => q.Key, q => changes.TryGetValue(q.Key, out var w) ? w : q.Value, StringComparer.Ordinal),
    };

    /// <summary>This table with some sector offsets replaced (the others kept).</summary>
    public OutcomeWeights WithSectors(IReadOnlyDictionary<string, double> changes) => this with
    {
        Sectors = Sectors.ToDictionary(s => s.Key, s => changes.TryGetValue(s.Key, out var w) ? w : s.Value, StringComparer.Ordinal),
    };
}
