using System.Globalization;
using System.Text;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Core.Funnel;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The funnel on the advisor's pages: a product's stage panel with the form that moves it (detail page), and the funnel
/// by programme and cohort (dashboard, the printed portfolio report). Notes and names go through <see cref="Html.E"/>.
/// </summary>
internal static class FunnelSections
{
    public static string StagePanel(string productId, ProductTimeline timeline, FunnelStages stages, DateOnly today, DateOnly latest, string lang)
    {
        var current = timeline.Current;
        var html = new StringBuilder($"<section class=\"card\" id=\"stage\"><h2>{T(lang, "Steg i tratten", "Funnel stage")}</h2>")
            .Append($"<p id=\"current-stage\" data-stage=\"{E(current.Stage)}\"><strong>{E(stages.NameOf(current.Stage, lang))}</strong> {T(lang, "sedan", "since")} {Date(current.Date)} ")
            .Append($"({Days(current.Days, lang)}) · {T(lang, "årskull", "cohort")} {timeline.Cohort}</p>")
            .Append($"<table id=\"stage-history\"><thead><tr><th>{T(lang, "Datum", "Date")}</th><th>{T(lang, "Steg", "Stage")}</th><th>{T(lang, "Dagar i steget", "Days in stage")}</th>")
            .Append($"<th>{T(lang, "Rådgivare", "Advisor")}</th><th>{T(lang, "Anteckning (intern)", "Note (internal)")}</th></tr></thead><tbody>");
        foreach (var e in timeline.Entries)
            html.Append($"<tr data-stage=\"{E(e.Stage)}\"><td>{Date(e.Date)}</td><td>{E(stages.NameOf(e.Stage, lang))}</td><td>{e.Days}{(e.Current ? "+" : "")}</td>")
                .Append($"<td>{(e.Move is { } m ? E(m.Advisor) : $"<span class=\"muted\">{T(lang, "första bedömningen", "first assessment")}</span>")}</td><td>{E(e.Move?.Note)}</td></tr>");
        html.Append("</tbody></table>");

        // The next stage is the likely move; the advisor may pick any, backwards too.
        var next = Math.Min(stages.All.Count - 1, Math.Max(0, stages.IndexOf(current.Stage)) + 1);
        html.Append($"<form id=\"stage-form\" class=\"no-print\" data-product-id=\"{E(productId)}\" data-lang=\"{lang}\">")
            .Append($"<label class=\"field\"><span>{T(lang, "Nytt steg", "New stage")}</span><select name=\"stage\">")
            .Append(string.Concat(stages.All.Select((s, i) => $"<option value=\"{E(s.Id)}\"{(i == next ? " selected" : "")}>{E(s.Name.In(lang))}</option>")))
            .Append("</select></label>")
            .Append($"<label class=\"field\"><span>{T(lang, "Datum då produkten gick in i steget", "Date the product entered the stage")}</span><input type=\"date\" name=\"date\" value=\"{Date(today)}\" max=\"{Date(latest)}\" required></label>")
            .Append($"<label class=\"field\"><span>{T(lang, "Intern anteckning (bara för rådgivare)", "Internal note (advisors only)")}</span><textarea name=\"note\" maxlength=\"{StageHandlers.MaxNoteLength}\" rows=\"2\"></textarea></label>")
            .Append($"<button type=\"submit\" class=\"primary\">{T(lang, "Flytta produkten", "Move the product")}</button><p id=\"stage-message\" role=\"status\"></p></form>");
        return html.Append("</section>").ToString();
    }

    /// <summary>
    /// One row per programme and intake year, then per year over every programme, then the total: per stage the products
    /// that reached it, the share of the stage before, and the median days spent in it; and the counts PEGIN-style.
    /// </summary>
    public static string Dashboard(FunnelReport report, FunnelStages stages, string filterQuery, string lang)
    {
        var html = new StringBuilder($"<section class=\"card\" id=\"stage-funnel\"><h3>{T(lang, "Tratten per program och årskull", "Funnel by programme and cohort")}</h3>")
            .Append($"<p class=\"muted\">{T(lang,
                "Produkter som nått varje steg, andel av steget före, och mediantid i steget (dagar, för produkter som lämnat det). Årskull = året produkten screenades.",
                "Products that reached each stage, share of the stage before, and median time in the stage (days, for products that have left it). Cohort = the year the product was screened.")}</p>")
            .Append($"<table class=\"funnel-table\"><thead><tr><th>{T(lang, "Program", "Programme")}</th><th>{T(lang, "Årskull", "Cohort")}</th>")
            .Append(string.Concat(report.Stages.Select(s => $"<th>{E(stages.NameOf(s, lang))}</th>")))
            .Append("</tr></thead><tbody>");
        foreach (var row in Shown(report))
        {
            var total = row == report.Total;
            html.Append($"<tr class=\"{(total ? "total" : row.Programme is null ? "cohort-total" : "programme")}\" data-programme=\"{E(row.Programme)}\" data-cohort=\"{row.Cohort}\">")
                .Append($"<td>{(row.Programme is null ? T(lang, "Alla program", "All programmes") : E(row.Programme))}<br><span class=\"chain\">{E(row.Chain)}</span></td>")
                .Append($"<td>{(row.Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : T(lang, "Alla", "All"))}</td>");
            foreach (var s in row.Stages)
                html.Append($"<td data-stage=\"{E(s.Stage)}\"><strong class=\"reached\">{s.Reached}</strong>")
                    .Append(s.Conversion is { } conversion ? $" <span class=\"conversion\">({N(conversion * 100, "0")} %)</span>" : "")
                    .Append(s.MedianDays is { } median ? $"<br><span class=\"muted days\">{T(lang, "median", "median")} {N(median)} {T(lang, "d", "d")}</span>" : "")
                    .Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>")
            .Append($"<p class=\"no-print\"><a id=\"funnel-csv\" href=\"/api/reports/funnel.csv?{filterQuery}\">{T(lang, "Exportera tratten (CSV)", "Export the funnel (CSV)")}</a></p>");
        return html.Append("</section>").ToString();
    }

    /// <summary>
    /// The rows worth printing: a cohort's total only when it has more than one programme, the grand total only over more
    /// than one cohort (otherwise each repeats the row above it). The API keeps every row.
    /// </summary>
    private static IEnumerable<FunnelRow> Shown(FunnelReport report)
    {
        var programmes = report.Rows.Where(r => r.Programme is not null).ToList();
        var cohorts = report.Rows.Where(r => r.Programme is null && programmes.Count(p => p.Cohort == r.Cohort) > 1).ToList();
        var shown = programmes.Concat(cohorts).ToList();
        return report.Rows.Count(r => r.Programme is null) > 1 || shown.Count == 0 ? shown.Append(report.Total) : shown;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(int days, string lang) => days == 1 ? T(lang, "1 dag", "1 day") : T(lang, $"{days} dagar", $"{days} days");
}
