using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.ActionPlans;

namespace ExportReadiness.Application.ActionPlans;

/// <summary>
/// One action as the API gives it. <see cref="Gap"/> is the question id it addresses (the field an add names it by);
/// <see cref="Version"/> is what a change sends back in If-Match.
/// </summary>
public sealed record ActionView(
    string Id, string ProductId, string Gap, string Dimension, string Title, string Owner, DateOnly DueDate, ActionStatus Status,
    DateTimeOffset CreatedAt, string CreatedBy, string FromAssessmentId, DateTimeOffset? DoneAt, string? Version);

/// <summary>The wire shape of <c>GET /api/assessments/{id}/actions</c>: the product's plan and the assessment's gaps to pick from.</summary>
public sealed record ActionPlanView(string ProductId, IReadOnlyList<ActionView> Actions, IReadOnlyList<GapChoice> Gaps);

/// <summary>
/// In a re-assessment's answer: one dimension's change since the last scored assessment (null when the dimension is new
/// to either) beside the actions addressing it that were done in between.
/// </summary>
public sealed record DimensionActionsView(string Dimension, DimensionChange? Change, IReadOnlyList<ActionView> Actions);

public static class ActionViewMapping
{
    public static ActionView AsView(this PlannedAction a) =>
        new(a.Id, a.ProductId, a.QuestionId, a.Dimension, a.Title, a.Owner, a.DueDate, a.Status, a.CreatedAt, a.CreatedBy, a.FromAssessmentId, a.DoneAt, a.ConcurrencyToken);

    public static IReadOnlyList<ActionView> AsViews(this IEnumerable<PlannedAction> plan) => ActionPlan.Ordered(plan).Select(a => a.AsView()).ToList();

    public static IReadOnlyList<DimensionActionsView> AsViews(this IReadOnlyList<DimensionActions> done, IReadOnlyList<DimensionChange> changes) =>
        done.Select(d => new DimensionActionsView(d.Dimension, changes.FirstOrDefault(c => c.Id == d.Dimension), d.Actions.Select(a => a.AsView()).ToList())).ToList();
}
