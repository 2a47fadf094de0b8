namespace ExportReadiness.Core.Scoring;

/// <summary>What <c>models/{version}/metrics.json</c> holds: how the model did on rows it never saw.</summary>
public sealed record ModelMetrics
{
    public required string Version { get; init; }
    public required string Trainer { get; init; }
    public required int SchemaVersion { get; init; }
    public required int FeatureCount { get; init; }
    public required DateTimeOffset TrainedAt { get; init; }
    public required int TrainingRows { get; init; }
    public required int HeldOutRows { get; init; }

    /// <summary>How many of the rows were advisor verdicts rather than synthetic.</summary>
    public int AdvisorVerdicts { get; init; }
    public required HeldOutMetrics Model { get; init; }
    public required HeldOutMetrics Rubric { get; init; }
    public required IReadOnlyList<CandidateMetrics> Candidates { get; init; }
    public required string SelectionReason { get; init; }
}

public sealed record HeldOutMetrics(double Auc, double LogLoss, double ExpectedCalibrationError);

/// <summary>A trainer compared on the validation rows before the final fit.</summary>
public sealed record CandidateMetrics(string Trainer, HeldOutMetrics Validation);
