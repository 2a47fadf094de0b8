using System.Security.Cryptography;
using System.Text;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Core.ActionPlans;

/// <summary>Making and changing the actions of a product's plan from validated input (<see cref="ActionInput"/>).</summary>
public static class ActionPlanning
{
    /// <summary>
    /// A new action of <paramref name="from"/>'s product, picked from one of its gaps. Without a client id its id is derived
    /// from the product, the gap and the title, so a retried request (or the same pick twice) names the same action and is
    /// stored once. The title defaults to the gap's advice in <paramref name="lang"/>.
    /// </summary>
    public static PlannedAction Create(ActionChange change, Assessment from, IReadOnlyList<GapChoice> gaps, string createdBy, DateTimeOffset now, string lang)
    {
        var gap = gaps.First(g => g.QuestionId == change.Gap);
        var title = change.Title ?? gap.Advice.In(lang);
        if (title.Length > PlannedAction.MaxTitleLength) title = title[..PlannedAction.MaxTitleLength];
        var id = change.Id ?? DerivedId(from.ProductId, gap.QuestionId, title);
        var action = new PlannedAction(id, from.ProductId, gap.QuestionId, gap.Dimension, title, change.Owner!, change.DueDate!.Value,
            ActionStatus.Planned, now, createdBy, from.Id);
        return action.WithStatus(change.Status ?? ActionStatus.Planned, now);
    }

    /// <summary>The action changed as asked; what the change leaves out stays.</summary>
    public static PlannedAction Apply(PlannedAction action, ActionChange change, DateTimeOffset now) =>
        (action with
        {
            Title = change.Title ?? action.Title,
            Owner = change.Owner ?? action.Owner,
            DueDate = change.DueDate ?? action.DueDate,
        }).WithStatus(change.Status ?? action.Status, now);

    /// <summary>
    /// Whether a stored action with the candidate's id is the same pick (gap and title) again: a retried add, answered with
    /// the stored action as it is now (perhaps changed since), rather than a second one.
    /// </summary>
    public static bool IsSamePick(PlannedAction stored, PlannedAction candidate) =>
        stored.QuestionId == candidate.QuestionId && stored.Title == candidate.Title;

    private static string DerivedId(string productId, string questionId, string title)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{productId}\n{questionId}\n{title.ToLowerInvariant()}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
