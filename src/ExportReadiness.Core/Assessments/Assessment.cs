using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Assessments;

[JsonConverter(typeof(JsonStringEnumConverter<AssessmentStatus>))]
public enum AssessmentStatus
{
    Pending,
    Scored,
    Failed,
}

/// <summary>
/// One product's assessment as stored: what was submitted, its state, and once scored its result.
/// <see cref="ConcurrencyToken"/> is the store's version of the row (an ETag in Table Storage).
/// </summary>
public sealed record Assessment
{
    public required string Id { get; init; }
    public required string Programme { get; init; }
    public required int SchemaVersion { get; init; }
    public required CompanyProfile Company { get; init; }
    public required ProductInfo Product { get; init; }
    public required IReadOnlyDictionary<string, Answer> Answers { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string AccessTokenHash { get; init; }
    public AssessmentStatus Status { get; init; } = AssessmentStatus.Pending;
    public ScoringResult? Result { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>The advisor's current verdict, copied here from the Reviews table for lists, reports and training.</summary>
    public Review? Review { get; init; }
    /// <summary>The uploaded batch this assessment came from, if any.</summary>
    public string? BatchId { get; init; }

    /// <summary>
    /// The product this assessment is of: the id of the product's first assessment. A first assessment leaves it
    /// unset and so is its own product (rows written before products existed read the same way).
    /// </summary>
    [AllowNull]
    public string ProductId { get => _productId ?? Id; init => _productId = value; }
    private readonly string? _productId;

    /// <summary>The assessment this one re-assesses (its SME proved it held that one's token), if any.</summary>
    public string? PreviousAssessmentId { get; init; }

    /// <summary>
    /// On a product's first assessment: what the product adds to the reports (its progress, its way through the funnel),
    /// kept here by the store once the product has a re-assessment or a stage move; null until then, when it follows from
    /// this assessment alone (<see cref="Reports.ProductFigures.Of"/>).
    /// </summary>
    [JsonIgnore]
    public Reports.ProductFigures? ProductFigures { get; init; }

    public string? ConcurrencyToken { get; init; }
}
