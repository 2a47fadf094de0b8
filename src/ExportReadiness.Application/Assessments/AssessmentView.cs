using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Application.Assessments;

/// <summary>
/// The wire shape of <c>GET /api/assessments/{id}</c> (DESIGN.md's contract), kept apart from the stored row.
/// <see cref="Review"/> (verdict, internal note) is given to advisors only; <see cref="AdvisorMessages"/>, what advisors
/// wrote to the SME, to both.
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
    IReadOnlyList<ProgrammeOffer>? Programmes = null)
{
    public IReadOnlyList<AdvisorMessage> AdvisorMessages { get; init; } = [];

    /// <summary>The product this assessment is of (its first assessment's id) and the one it re-assesses.</summary>
    public string? ProductId { get; init; }
    public string? PreviousAssessmentId { get; init; }

    /// <summary>The product's earlier assessments, oldest first: what this one can be compared with.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>The product's action plan (it belongs to the product, so every assessment of it shows the same plan).</summary>
    public IReadOnlyList<ActionView> ActionPlan { get; init; } = [];

    /// <summary>
    /// Per dimension, its change since the last scored assessment and the actions addressing it that were done in
    /// between; only dimensions with such actions, and nothing for a first assessment.
    /// </summary>
    public IReadOnlyList<DimensionActionsView> ActionsDone { get; init; } = [];
}

public sealed record SubmissionAccepted(string Id, AssessmentStatus Status, string AccessToken);

public static class AssessmentViewMapping
{
    /// <summary>What an advisor reads: everything, the review with its internal note included.</summary>
    public static AssessmentView AsView(this Assessment a) => new(
        a.Id, a.Programme, a.Status, a.SubmittedAt, a.SchemaVersion, a.Company, a.Product,
        a.Answers.ToDictionary(p => p.Key, p => (object?)p.Value.Choice ?? (object?)p.Value.YesNo ?? p.Value.Number!.Value),
        a.Result, a.FailureReason, a.Review)
    {
        AdvisorMessages = a.AdvisorMessages(),
        ProductId = a.ProductId,
        PreviousAssessmentId = a.PreviousAssessmentId,
    };

    /// <summary>What the SME holding the token reads: its own submission and result, and the messages addressed to it.</summary>
    public static AssessmentView AsSmeView(this Assessment a) => a.AsView() with { Review = null };

    /// <summary>
    /// The messages to the SME: the one of the review in force. A later review replaces it (the advisor's form starts
    /// from it), and one without a message withdraws it, so the SME never reads advice an advisor has taken back.
    /// </summary>
    public static IReadOnlyList<AdvisorMessage> AdvisorMessages(this Assessment a) =>
        a.Review?.MessageForSme() is { } message ? [message] : [];
}
