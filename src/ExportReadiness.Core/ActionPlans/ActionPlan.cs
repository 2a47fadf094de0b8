using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.ActionPlans;

/// <summary>What the pages and the API read of a product's plan across its assessments.</summary>
public static class ActionPlan
{
    /// <summary>
    /// The actions done since the last scored assessment before <paramref name="current"/> and up to its submission,
    /// grouped by the dimension each addresses (in the questionnaire's order): what the
    /// re-assessment shows beside each dimension's change. Empty when nothing was scored before.
    /// </summary>
    public static IReadOnlyList<DimensionActions> DoneSince(IEnumerable<PlannedAction> plan, Assessment? previous, Assessment current, QuestionnaireSchema schema)
    {
        if (previous is null) return [];
        var done = plan.Where(a => a.WasDoneBetween(previous.SubmittedAt, current.SubmittedAt)).ToList();
        return schema.Dimensions
            .Select(d => new DimensionActions(d.Id, done.Where(a => a.Dimension == d.Id).OrderBy(a => a.DoneAt).ToList()))
            .Where(g => g.Actions.Count > 0)
            .ToList();
    }

    /// <summary>The plan as it is listed: open actions first by due date, then done, then dropped.</summary>
    public static IReadOnlyList<PlannedAction> Ordered(IEnumerable<PlannedAction> plan) =>
        plan.OrderBy(a => a.Status switch { ActionStatus.Done => 1, ActionStatus.Dropped => 2, _ => 0 })
            .ThenBy(a => a.DueDate).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
}

/// <summary>The actions of a plan that addressed one dimension.</summary>
public sealed record DimensionActions(string Dimension, IReadOnlyList<PlannedAction> Actions);
