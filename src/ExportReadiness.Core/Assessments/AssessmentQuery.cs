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
    DateTimeOffset? SubmittedFrom = null)
{
    /// <summary>
    /// Whether the query selects the assessment, as the store's filter decides it: a condition on something the assessment
    /// lacks (no result, no review, no batch) is false. For assessments read by key, which no filter has seen.
    /// </summary>
    public bool Matches(Assessment a) =>
        (Programme is null || a.Programme == Programme)
        && (Level is not { } level || a.Result?.Level == level)
        && (Sector is null || a.Company.Sector == Sector)
        && (Region is null || a.Company.Region == Region)
        && (Status is not { } status || a.Status == status)
        && (Verdict is not { } verdict || a.Review?.Verdict == verdict)
        && (NotScoredBy is null || (a.Result is { } result && result.ModelVersion != NotScoredBy))
        && (BatchId is null || a.BatchId == BatchId)
        && (SubmittedFrom is not { } from || a.SubmittedAt >= from);
}

public sealed record AssessmentPage(IReadOnlyList<Assessment> Items, string? ContinuationToken);
