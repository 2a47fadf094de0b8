using System.Globalization;
using System.Text;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Reports;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The advisor's destination and programme report (<c>/advisor/reports/destination</c>, the API's query string): VisitSweden's
/// criteria criterion by criterion, the gaps most products share with the joint action they call for, and the dimension
/// averages, for one group or two side by side. It is a printable report, like the SME's result page.
/// </summary>
public sealed class DestinationReportPage(DestinationReportHandlers reports, QuestionnaireSchema schema)
{
    /// <summary>Shared gaps shown; the API and the CSV have every one.</summary>
    public const int GapsShown = 10;

    public async Task<IResult> Show(HttpRequest request, CancellationToken cancellationToken)
    {
        var lang = Language(request);
        var title = T(lang, "Destinationsrapport", "Destination report");
        var (group, comparison, errors) = DestinationFilter.Parse(request.Query, reports.Today, lang);
        var body = new StringBuilder($"<p class=\"no-print\"><a href=\"/advisor?lang={lang}\">← {T(lang, "Portföljen", "Portfolio")}</a></p>");
        if (errors.Count > 0)
        {
            body.Append($"<h1>{title}</h1><ul class=\"form-errors\" role=\"alert\" id=\"filter-errors\">")
                .Append(string.Concat(errors.Select(e => $"<li>{E(e.Key)}: {E(string.Join(" ", e.Value))}</li>"))).Append("</ul>")
                .Append(Filters(group, comparison, lang));
            return Page(request, title, body.ToString(), StatusCodes.Status400BadRequest);
        }

        var report = await reports.BuildAsync(group, comparison, cancellationToken);
        var (first, second, d) = (report.Group, report.Comparison, report.Differences);
        body.Append("<article class=\"report destination-report\">")
            .Append($"<h1 id=\"destination-title\">{title}: {E(group.Label)}{(comparison is null ? "" : $" {T(lang, "jämfört med", "compared with")} {E(comparison.Label)}")}</h1>")
            .Append(Filters(group, comparison, lang))
            .Append($"<p class=\"no-print\"><a id=\"destination-csv\" href=\"/api/reports/destination.csv?{DestinationFilter.QueryString(group, comparison, lang)}\">{T(lang, "Exportera CSV", "Export CSV")}</a> ")
            .Append($"<button type=\"button\" data-print>{T(lang, "Skriv ut / spara som PDF", "Print / save as PDF")}</button></p>")
            .Append($"<p class=\"lead\">{T(lang, "Varje produkt räknas en gång, med sin senaste bedömning till och med datumet (UTC).", "Each product counts once, with its latest assessment up to and including the date (UTC).")}</p>")
            .Append("<table class=\"facts\" id=\"destination-groups\">")
            .Append($"<tr><th>{T(lang, "Grupp", "Group")}</th><th>{T(lang, "Produkter", "Products")}</th><th>{T(lang, "Ej turism (kriterierna gäller inte)", "Not tourism (criteria do not apply)")}</th></tr>")
            .Append(GroupRow(first, "group")).Append(second is null ? "" : GroupRow(second, "comparison")).Append("</table>");

        // VisitSweden's criteria.
        string Share(CriterionShare c) => c.Share is { } s ? $"{Percent(s)} <span class=\"muted\">({c.Met}/{c.Answered})</span>" : "—";
        var criteria = first.Criteria.Append(first.AllCriteria).ToList();
        var compared = second?.Criteria.Append(second.AllCriteria).ToList();
        var differences = d?.Criteria.Append(d.AllCriteria).ToList();
        body.Append($"<section class=\"card\" id=\"criteria\"><h2>{T(lang, "VisitSwedens kriterier för exportmogna turismprodukter", "VisitSweden's criteria for export-ready tourism products")}</h2>")
            .Append(CriteriaChart(criteria, compared, first.Group, second?.Group, lang))
            .Append($"<table id=\"criteria-table\"><tr><th>{T(lang, "Kriterium", "Criterion")}</th><th>{E(first.Group.Label)}</th>")
            .Append(second is null ? "" : $"<th>{E(second.Group.Label)}</th><th>{T(lang, "Skillnad (procentenheter)", "Difference (percentage points)")}</th>").Append("</tr>");
        for (var i = 0; i < criteria.Count; i++)
            body.Append($"<tr data-criterion=\"{E(criteria[i].Id)}\"><td>{E(criteria[i].Name, lang)}</td><td class=\"share\">{Share(criteria[i])}</td>")
                .Append(compared is null ? "" : $"<td class=\"share\">{Share(compared[i])}</td><td class=\"difference\">{Points(differences![i].Value, 100)}</td>").Append("</tr>");
        body.Append($"</table><p class=\"muted\">{T(lang, "Ett kriterium är uppfyllt med det högsta svaret (ja; för paketen: fasta och bokningsbara). Andelen är av produkterna som besvarat det; produkter i andra branscher får inte frågorna och räknas inte.", "A criterion is met by the top answer (yes; for packages: fixed and bookable). The share is of the products that answered it; products of other sectors are not asked and not counted.")}</p></section>");

        body.Append(SharedGaps(report, lang)).Append(Dimensions(report, lang)).Append("</article>");
        return Page(request, title, body.ToString(), head: AdvisorAntiforgery.Meta(request.HttpContext), script: "report.js");

        string GroupRow(DestinationReport r, string id) =>
            $"<tr id=\"{id}-products\"><td>{E(r.Group.Label)}</td><td class=\"count\">{r.Products}</td><td>{r.AllCriteria.NotApplicable}</td></tr>";
    }

    private static string CriteriaChart(IReadOnlyList<CriterionShare> criteria, IReadOnlyList<CriterionShare>? compared, DestinationGroup group, DestinationGroup? comparison, string lang)
    {
        var title = T(lang, "Andel som uppfyller kriteriet", "Share meeting the criterion");
        if (compared is null || comparison is null)
            return Charts.HorizontalBars(criteria.Select(c => new Charts.Bar(c.Name.In(lang), Math.Round((c.Share ?? 0) * 100))).ToList(), 100, title, " %");
        return Charts.ChangeBars(criteria.Select((c, i) => new Charts.ChangeRow(c.Name.In(lang), Math.Round((c.Share ?? 0) * 100), Math.Round((compared[i].Share ?? 0) * 100))).ToList(),
            title, group.Label, comparison.Label);
    }

    private string SharedGaps(DestinationComparison report, string lang)
    {
        var (first, second) = (report.Group, report.Comparison);
        var html = new StringBuilder($"<section class=\"card\" id=\"shared-gaps\"><h2>{T(lang, "Luckor som många produkter delar", "Gaps many products share")}</h2>")
            .Append($"<p class=\"muted\">{T(lang, "Frågor där produkterna svarat under det högsta svaret, flest först. Där många delar samma lucka lönar sig en gemensam insats.", "Questions where products answered below the top answer, most shared first. Where many share a gap, joint action pays off.")}</p>");
        var shown = first.SharedGaps.Take(GapsShown).ToList();
        if (shown.Count == 0) return html.Append($"<p id=\"no-gaps\">{T(lang, "Inga luckor.", "No gaps.")}</p></section>").ToString();
        html.Append($"<table id=\"gaps-table\"><tr><th>{T(lang, "Fråga", "Question")}</th><th>{T(lang, "Område", "Dimension")}</th><th>{E(first.Group.Label)}</th>")
            .Append(second is null ? "" : $"<th>{E(second.Group.Label)}</th>").Append($"<th>{T(lang, "Gemensam insats", "Joint action")}</th></tr>");
        foreach (var g in shown)
        {
            var dimension = schema.Dimensions.FirstOrDefault(x => x.Id == g.Dimension)?.Name.In(lang) ?? g.Dimension;
            html.Append($"<tr data-gap=\"{E(g.QuestionId)}\"><td>{E(g.Question, lang)}</td><td>{E(dimension)}</td><td class=\"share\">{Percent(g.Share)} <span class=\"muted\">({g.Products})</span></td>")
                .Append(second is null ? "" : $"<td class=\"share\">{(ReportDifferences.GapShare(second, g.QuestionId) is { } s ? Percent(s) : "—")}</td>")
                .Append($"<td class=\"joint-action\">{(g.Action is { } a ? E(a.Hint, lang) : "—")}</td></tr>");
        }
        return html.Append("</table></section>").ToString();
    }

    private string Dimensions(DestinationComparison report, string lang)
    {
        var (first, second, d) = (report.Group, report.Comparison, report.Differences);
        var title = T(lang, "Genomsnitt per område", "Average per dimension");
        double Average(DestinationReport r, string id) => r.Dimensions.FirstOrDefault(x => x.Id == id)?.Average ?? 0;
        var chart = second is null
            ? Charts.HorizontalBars(schema.Dimensions.Select(x => new Charts.Bar(x.Name.In(lang), Average(first, x.Id))).ToList(), 100, title)
            : Charts.ChangeBars(schema.Dimensions.Select(x => new Charts.ChangeRow(x.Name.In(lang), Average(first, x.Id), Average(second, x.Id))).ToList(), title, first.Group.Label, second.Group.Label);
        var html = new StringBuilder($"<section class=\"card\" id=\"dimensions\"><h2>{title}</h2>{chart}")
            .Append($"<table id=\"dimensions-table\"><tr><th>{T(lang, "Område", "Dimension")}</th><th>{E(first.Group.Label)}</th>")
            .Append(second is null ? "" : $"<th>{E(second.Group.Label)}</th><th>{T(lang, "Skillnad (poäng)", "Difference (points)")}</th>").Append("</tr>");
        foreach (var x in schema.Dimensions)
        {
            string Cell(DestinationReport r) => r.Dimensions.FirstOrDefault(a => a.Id == x.Id) is { } a ? N(a.Average) : "—";
            html.Append($"<tr data-dimension=\"{E(x.Id)}\"><td>{E(x.Name, lang)}</td><td>{Cell(first)}</td>")
                .Append(second is null ? "" : $"<td>{Cell(second)}</td><td class=\"difference\">{Points(d!.Dimensions.FirstOrDefault(y => y.Id == x.Id)?.Value, 1)}</td>").Append("</tr>");
        }
        return html.Append("</table></section>").ToString();
    }

    private string Filters(DestinationGroup group, DestinationGroup? comparison, string lang)
    {
        string Fields(string prefix, DestinationGroup? g)
        {
            string Name(string field) => prefix.Length == 0 ? field : prefix + char.ToUpperInvariant(field[0]) + field[1..];
            return $"<label>{T(lang, "Program", "Programme")}<input type=\"text\" name=\"{Name("programme")}\" value=\"{E(g?.Programme)}\"></label>" +
                   $"<label>{T(lang, "Bransch", "Sector")}<select name=\"{Name("sector")}\">{SelectOptions(schema.Sectors.Select(s => (s.Id, s.Name.In(lang))), g?.Sector, lang)}</select></label>" +
                   $"<label>{T(lang, "Län", "Region")}<select name=\"{Name("region")}\">{SelectOptions(schema.Regions.Select(r => (r.Id, r.Name.In(lang))), g?.Region, lang)}</select></label>" +
                   $"<label>{T(lang, "Per datum", "As of")}<input type=\"date\" name=\"{Name("asOf")}\" value=\"{(g is null ? "" : g.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}\"></label>";
        }
        return $"<form class=\"filters no-print\" id=\"destination-filters\" method=\"get\" action=\"/advisor/reports/destination\"><input type=\"hidden\" name=\"lang\" value=\"{lang}\">" +
               $"<fieldset><legend>{T(lang, "Grupp", "Group")}</legend>{Fields("", group)}</fieldset>" +
               $"<fieldset><legend>{T(lang, "Jämför med (tomt fält: samma som gruppen)", "Compare with (empty field: same as the group)")}</legend>{Fields(DestinationFilter.Compare, comparison)}</fieldset>" +
               $"<button type=\"submit\">{T(lang, "Visa", "Show")}</button></form>";
    }

    private static string Percent(double share) => N(Math.Round(share * 100), "0") + " %";

    /// <summary>A difference as signed points (shares × 100 are percentage points); "—" when either side has none.</summary>
    private static string Points(double? value, double scale) => Math.Round((value ?? 0) * scale, 1) switch
    {
        _ when value is null => "—",
        > 0 and var v => "+" + N(v),
        < 0 and var v => "−" + N(-v),
        _ => "±0",
    };
}
