using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Assessments;

/// <summary>Filters of the advisor's list, report and export; every one optional.</summary>
public sealed record AssessmentQuery(
    string? Programme = null,
    ReadinessLevel? Level = null,
    string? Sector = null,
    string? Region = null,
    AssessmentStatus? Status = null,
    Verdict? Verdict = null,
    /// <summary>Only assessments not scored by this model version (the re-scoring query).</summary>
    string? NotScoredBy = null,
    string? BatchId = null,
    /// <summary>Only assessments submitted at or after this time (the drift check's last 90 days).</summary>
    DateTimeOffset? SubmittedFrom = null);

public sealed record AssessmentPage(IReadOnlyList<Assessment> Items, string? ContinuationToken);
