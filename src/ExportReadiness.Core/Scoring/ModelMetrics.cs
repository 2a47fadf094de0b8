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

    /// <summary>The monotonicity check on this model; null in metrics written before it existed.</summary>
    public MonotonicityReport? Monotonicity { get; init; }
}

/// <summary>
/// Held-out figures, computed the same way for the model and the rubric. PR AUC (average precision) and Brier
/// are null in metrics written before they were recorded.
/// </summary>
public sealed record HeldOutMetrics(double Auc, double LogLoss, double ExpectedCalibrationError)
{
    public double? PrAuc { get; init; }
    public double? Brier { get; init; }
}

/// <summary>A trainer compared on the validation rows before the final fit.</summary>
public sealed record CandidateMetrics(string Trainer, HeldOutMetrics Validation);

/// <summary>
/// One held-out row as both scorers saw it: the label, its weight, the model's probability and the rubric's
/// (Platt-scaled) probability and raw 0–100 score, so intervals and per-sector figures can be computed later.
/// </summary>
public sealed record HeldOutPrediction(string? Key, string Sector, bool Label, float Weight, double Model, double Rubric, double RubricScore);
