using System.Text;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Questionnaire;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The product's action plan on the pages: a table (on the SME's result page, in its printed report and on the advisor's
/// page), the SME's forms to add an action from a gap and to change an action's status, and, on a re-assessment, the
/// actions done since last time beside each dimension's change.
/// </summary>
public static class ActionPlanSections
{
    /// <summary>
    /// What the forms need: where they post and the page's antiforgery field. The SME's post under its result page (the
    /// token cookie is scoped there); an advisor's page has the same forms under <c>/api/assessments/{id}</c>, where the
    /// API's routes are: advisor.js sends them as JSON with the session's antiforgery header and the action's If-Match.
    /// </summary>
    public sealed record Forms(string ResultPath, string AntiforgeryField, bool ViaApi = false)
    {
        public static Forms ForAdvisor(string assessmentId) => new($"/api/assessments/{Uri.EscapeDataString(assessmentId)}", "", ViaApi: true);
    }

    /// <summary>
    /// The plan, and with <paramref name="forms"/> (the SME holding the token) the forms. An empty plan stays off the
    /// printed report; the forms never print.
    /// </summary>
    public static string Section(IReadOnlyList<PlannedAction> plan, IReadOnlyList<GapChoice> gaps, QuestionnaireSchema schema, string lang, Forms? forms, DateOnly today, string? notice = null)
    {
        var html = new StringBuilder($"<section class=\"action-plan card{(plan.Count == 0 ? " no-print" : "")}\" id=\"action-plan\"{(forms?.ViaApi == true ? " data-via-api" : "")}><h2>{T(lang, "Handlingsplan", "Action plan")}</h2>");
        if (notice is not null) html.Append($"<p class=\"status no-print\" id=\"action-plan-notice\" role=\"status\">{E(notice)}</p>");
        if (plan.Count == 0)
            html.Append($"<p class=\"muted\" id=\"action-plan-empty\">{T(lang, "Inga åtgärder planerade än. Välj en lucka nedan, vem som gör det och till när.", "No actions planned yet. Pick a gap below, who does it and by when.")}</p>");
        else html.Append(Table(plan, schema, lang, forms, today));
        if (forms is not null && gaps.Count > 0) html.Append(AddForm(gaps, schema, lang, forms));
        if (forms?.ViaApi == true) html.Append("<p class=\"no-print\" id=\"action-plan-message\" role=\"status\"></p>");
        return html.Append("</section>").ToString();
    }

    private static string Table(IReadOnlyList<PlannedAction> plan, QuestionnaireSchema schema, string lang, Forms? forms, DateOnly today)
    {
        var html = new StringBuilder($"<table id=\"action-plan-table\"><thead><tr><th>{T(lang, "Åtgärd", "Action")}</th><th>{T(lang, "Område", "Dimension")}</th>")
            .Append($"<th>{T(lang, "Ansvarig", "Owner")}</th><th>{T(lang, "Klart senast", "Due")}</th><th>{T(lang, "Status", "Status")}</th>")
            .Append(forms is null ? "" : $"<th class=\"no-print\">{T(lang, "Ändra", "Change")}</th>").Append("</tr></thead><tbody>");
        foreach (var a in ActionPlan.Ordered(plan))
        {
            var overdue = a.IsOverdue(today) ? $" <span class=\"overdue\">{T(lang, "försenad", "overdue")}</span>" : "";
            var done = a.Status == ActionStatus.Done && a.DoneAt is { } at ? $" <span class=\"muted\">{at:yyyy-MM-dd}</span>" : "";
            html.Append($"<tr data-action=\"{E(a.Id)}\" data-status=\"{a.Status}\"><td class=\"action-title\">{E(a.Title)}</td><td>{E(schema.DimensionName(a.Dimension, lang))}</td>")
                .Append($"<td>{E(a.Owner)}</td><td class=\"due\">{a.DueDate:yyyy-MM-dd}{overdue}</td><td class=\"action-status\">{StatusName(a.Status, lang)}{done}</td>");
            if (forms is not null)
                html.Append($"<td class=\"no-print\"><form method=\"post\" class=\"action-status-form\" action=\"{forms.ResultPath}/actions/{Uri.EscapeDataString(a.Id)}?lang={lang}\">{forms.AntiforgeryField}")
                    .Append($"<input type=\"hidden\" name=\"version\" value=\"{E(a.ConcurrencyToken)}\">")
                    .Append($"<select name=\"{ActionInput.StatusField}\" aria-label=\"{T(lang, "Status", "Status")}\">")
                    .Append(string.Concat(Enum.GetValues<ActionStatus>().Select(s => $"<option value=\"{s}\"{(s == a.Status ? " selected" : "")}>{StatusName(s, lang)}</option>")))
                    .Append($"</select> <button type=\"submit\">{T(lang, "Spara", "Save")}</button></form></td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string AddForm(IReadOnlyList<GapChoice> gaps, QuestionnaireSchema schema, string lang, Forms forms) =>
        new StringBuilder($"<form method=\"post\" class=\"no-print\" id=\"action-add\" action=\"{forms.ResultPath}/actions?lang={lang}\">{forms.AntiforgeryField}")
            .Append($"<h3>{T(lang, "Lägg till en åtgärd", "Add an action")}</h3>")
            .Append($"<label class=\"field\"><span>{T(lang, "Lucka att åtgärda (störst effekt först)", "Gap to address (largest effect first)")}</span><select name=\"{ActionInput.GapField}\" required>")
            .Append(string.Concat(gaps.Select(g =>
                $"<option value=\"{E(g.QuestionId)}\">{E(schema.DimensionName(g.Dimension, lang))}: {E(g.Advice, lang)} (+{N(g.Headroom)} {T(lang, "poäng", "points")})</option>")))
            .Append("</select></label>")
            .Append($"<label class=\"field\"><span>{T(lang, "Ansvarig (namn eller roll)", "Owner (name or role)")}</span><input type=\"text\" name=\"{ActionInput.OwnerField}\" maxlength=\"{PlannedAction.MaxOwnerLength}\" required></label>")
            .Append($"<label class=\"field\"><span>{T(lang, "Klart senast", "Due date")}</span><input type=\"date\" name=\"{ActionInput.DueDateField}\" required></label>")
            .Append($"<button type=\"submit\" class=\"primary\">{T(lang, "Lägg till i planen", "Add to the plan")}</button></form>")
            .ToString();

    /// <summary>
    /// Beside each dimension's change since the last assessment, the actions addressing it that were done in between:
    /// the re-assessment shows whether the work showed in the score. Nothing when no action was done.
    /// </summary>
    public static string DoneBesideChanges(IReadOnlyList<DimensionActions> done, IReadOnlyList<DimensionChange> changes, QuestionnaireSchema schema, string lang)
    {
        if (done.Count == 0) return "";
        var html = new StringBuilder($"<h3>{T(lang, "Genomförda åtgärder sedan förra bedömningen", "Actions done since the last assessment")}</h3>")
            .Append($"<table id=\"actions-done\"><thead><tr><th>{T(lang, "Område", "Dimension")}</th><th>{T(lang, "Förändring", "Change")}</th><th>{T(lang, "Genomfört", "Done")}</th></tr></thead><tbody>");
        foreach (var d in done)
        {
            var change = changes.FirstOrDefault(c => c.Id == d.Dimension) is { } c ? $"{c.Before} → {c.After} ({Charts.Signed(c.Delta)})" : "—";
            html.Append($"<tr data-dimension=\"{E(d.Dimension)}\"><td>{E(schema.DimensionName(d.Dimension, lang))}</td><td class=\"change-delta\">{change}</td><td><ul>")
                .Append(string.Concat(d.Actions.Select(a => $"<li>{E(a.Title)} <span class=\"muted\">({E(a.Owner)}, {a.DoneAt:yyyy-MM-dd})</span></li>")))
                .Append("</ul></td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    public static string StatusName(ActionStatus status, string lang) => status switch
    {
        ActionStatus.InProgress => T(lang, "Pågår", "In progress"),
        ActionStatus.Done => T(lang, "Klar", "Done"),
        ActionStatus.Dropped => T(lang, "Struken", "Dropped"),
        _ => T(lang, "Planerad", "Planned"),
    };
}
