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

    /// <summary>How the model was made (prior, its strength, calibration, labels); null in metrics written before real labels were learned from.</summary>
    public Training.ModelRecipe? Recipe { get; init; }

    /// <summary>Cross-validated figures on the real labels beside the champion's, the prior's and the rubric's; null for the prior alone.</summary>
    public Training.RealRowComparison? RealRows { get; init; }

    /// <summary>Every answer's and context term's log-odds in this model beside the prior's, largest move first.</summary>
    public IReadOnlyList<Training.WeightShift>? WeightShifts { get; init; }

    /// <summary>The reliability diagram: predicted against observed, per probability bin, on the rows the model was judged on.</summary>
    public IReadOnlyList<ReliabilityBin>? Reliability { get; init; }

    /// <summary>What the model learned from, as distributions of scores, for the drift check of later assessments.</summary>
    public Training.TrainingProfile? Profile { get; init; }
}

/// <summary>One bin of a reliability diagram: the rows whose probability fell in [Lower, Upper), their mean probability and the share that was export-ready.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Rows, double MeanPredicted, double Observed)
{
    /// <summary>Ten equal-width bins, as the expected calibration error uses; empty bins are left out.</summary>
    public static IReadOnlyList<ReliabilityBin> Of(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins = 10) =>
        Enumerable.Range(0, probabilities.Count)
            .GroupBy(i => Math.Min(bins - 1, (int)(probabilities[i] * bins)))
            .OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin(g.Key / (double)bins, (g.Key + 1) / (double)bins, g.Count(),
                g.Average(i => probabilities[i]), g.Count(i => labels[i]) / (double)g.Count()))
            .ToList();
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
