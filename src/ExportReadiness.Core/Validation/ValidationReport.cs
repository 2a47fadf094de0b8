using System.Text.Json.Serialization;
using ExportReadiness.Core.Batches;

namespace ExportReadiness.Core.Validation;

/// <summary>One scored, labelled row: what the model and the rubric said, and what happened.</summary>
/// <param name="ModelProbability">The model's probability of export readiness, 0..1.</param>
/// <param name="RubricScore">The rubric's overall score, 0..100 (the mean of the dimension scores).</param>
/// <param name="Outcome">True when the company turned out export-ready (exported, or an advisor said so).</param>
public readonly record struct OutcomeRow(double ModelProbability, double RubricScore, bool Outcome, string Sector);

/// <summary>
/// The model and the rubric side by side on an agency's own outcomes, overall and per sector. Every figure has a
/// bootstrap percentile interval, and the paired difference model − rubric has its own. A figure that cannot be
/// computed (e.g. AUC in a group with no positives) is null, so the report always serialises to JSON.
/// </summary>
public sealed record ValidationReport
{
    /// <summary><c>batch</c> or <c>wbes</c>.</summary>
    public required string Format { get; init; }
    public required string ModelVersion { get; init; }
    public required DateTimeOffset ValidatedAt { get; init; }

    /// <summary>Rows scored and compared (each had a valid questionnaire and an outcome).</summary>
    public required int Rows { get; init; }
    public required int Positives { get; init; }

    /// <summary>All rejected rows, though <see cref="Rejected"/> lists only the first <see cref="OutcomeValidator.ListedRejections"/>.</summary>
    public required int RejectedRows { get; init; }
    public required IReadOnlyList<RejectedRow> Rejected { get; init; }
    public required ValidationMethod Method { get; init; }
    public required GroupValidation Overall { get; init; }

    /// <summary>One entry per sector present in the file, in the questionnaire's sector order.</summary>
    public required IReadOnlyList<GroupValidation> Sectors { get; init; }

    /// <summary>What a reader must know to interpret the figures (e.g. which inputs a survey file could not provide).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>How the figures were computed, so a second run can reproduce them exactly.</summary>
public sealed record ValidationMethod(
    int Resamples,
    int Seed,
    double Confidence,
    int CalibrationBins,
    int RubricCalibrationFolds,
    string RubricProbability);

/// <summary>The metrics for one group of rows (all rows, or one sector).</summary>
public sealed record GroupValidation(
    string Group,
    int Rows,
    int Positives,
    MetricComparison RocAuc,
    MetricComparison PrAuc,
    MetricComparison Brier,
    MetricComparison Ece)
{
    /// <summary>Mean negative log-likelihood (lower is better): ranking and calibration in one figure, as models are chosen.</summary>
    public MetricComparison? LogLoss { get; init; }
}

/// <summary>A metric for the model, for the rubric, and model − rubric, each computed on the same resamples.</summary>
public sealed record MetricComparison(
    [property: JsonPropertyOrder(0)] bool HigherIsBetter,
    [property: JsonPropertyOrder(1)] Estimate Model,
    [property: JsonPropertyOrder(2)] Estimate Rubric,
    [property: JsonPropertyOrder(3)] Estimate Difference);

/// <summary>A point estimate on the rows as given, and the bootstrap percentile interval around it.</summary>
public sealed record Estimate(double? Value, double? Lower, double? Upper)
{
    public static readonly Estimate Unavailable = new(null, null, null);

    /// <summary>True when the interval excludes zero: for a difference, the data favour one side at the chosen confidence.</summary>
    [JsonIgnore]
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}
