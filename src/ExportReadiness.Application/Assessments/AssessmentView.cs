using ExportReadiness.Application.Programmes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Application.Assessments;

/// <summary>
/// The wire shape of <c>GET /api/assessments/{id}</c> (DESIGN.md's contract), kept apart from the stored row.
/// <see cref="Programmes"/>: the best-matching support programmes once scored, each with why it matches.
/// </summary>
public sealed record AssessmentView(
    string Id,
    string Programme,
    AssessmentStatus Status,
    DateTimeOffset SubmittedAt,
    int SchemaVersion,
    CompanyProfile Company,
    ProductInfo Product,
    IReadOnlyDictionary<string, object> Answers,
    ScoringResult? Result,
    string? FailureReason,
    Review? Review,
    IReadOnlyList<ProgrammeOffer>? Programmes = null);

public sealed record SubmissionAccepted(string Id, AssessmentStatus Status, string AccessToken);

public static class AssessmentViewMapping
{
    public static AssessmentView AsView(this Assessment a) => new(
        a.Id, a.Programme, a.Status, a.SubmittedAt, a.SchemaVersion, a.Company, a.Product,
        a.Answers.ToDictionary(p => p.Key, p => (object?)p.Value.Choice ?? (object?)p.Value.YesNo ?? p.Value.Number!.Value),
        a.Result, a.FailureReason, a.Review);
}
