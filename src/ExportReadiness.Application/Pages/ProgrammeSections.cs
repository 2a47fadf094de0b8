using System.Text;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The support programmes on the pages: the best matches for one product (the SME's result, its printed report, the
/// advisor's detail page) and what a cohort calls for (the advisor's dashboard). Every catalogue text goes through
/// <see cref="Html.E"/> like user input: an advisor's extension is text from outside too.
/// </summary>
internal static class ProgrammeSections
{
    private const int ReasonsShown = 3;

    public static string ForProduct(IReadOnlyList<ProgrammeMatch> matches, string lang)
    {
        var html = new StringBuilder($"<section class=\"programmes\" id=\"programmes\"><h2>{T(lang, "Stöd som passar era gap", "Support that fits your gaps")}</h2>")
            .Append($"<p class=\"muted\">{T(lang,
                "Offentliga program och aktörer som arbetar med det som håller ert värde nere, i er bransch och ert län. Varje beskrivning bygger på den källa som anges.",
                "Public programmes and actors that work on what holds your score down, in your sector and county. Each description rests on the source cited.")}</p>");
        if (matches.Count == 0)
            return html.Append($"<p id=\"no-programmes\">{T(lang, "Inget program i katalogen tar sig an era gap. Tala med er rådgivare.", "No programme in the catalogue addresses your gaps. Talk to your advisor.")}</p></section>").ToString();

        html.Append("<ol id=\"programme-list\">");
        foreach (var match in matches)
        {
            var p = match.Programme;
            html.Append($"<li class=\"programme\" data-programme-id=\"{E(p.Id)}\"><h3><a href=\"{E(p.Url)}\" rel=\"noopener noreferrer\" target=\"_blank\">{E(p.Name, lang)}</a></h3>")
                .Append($"<p class=\"muted\">{E(p.Provider, lang)} · {KindName(p.Kind, lang)}</p><ul class=\"reasons\">");
            // The largest gaps it addresses, then every fit (region, sector, S3 area): the whole list is in the API, and
            // five programmes with every reason would not fit the printed report.
            var needs = match.Reasons.Where(r => r.Kind is MatchReasonKind.Gap or MatchReasonKind.Dimension).ToList();
            foreach (var reason in needs.Take(ReasonsShown)) html.Append(Reason(reason, lang));
            if (needs.Count > ReasonsShown)
                html.Append($"<li class=\"muted\">{T(lang, $"… och {needs.Count - ReasonsShown} skäl till", $"… and {needs.Count - ReasonsShown} more reasons")}</li>");
            foreach (var reason in match.Reasons.Except(needs)) html.Append(Reason(reason, lang));
            html.Append("</ul>").Append(Sources(p.Sources, lang)).Append("</li>");
        }
        return html.Append("</ol></section>").ToString();
    }

    private static string Reason(MatchReason reason, string lang)
    {
        var points = reason.Points > 0 ? $" <span class=\"muted\">({T(lang, "upp till", "up to")} +{N(reason.Points)} {T(lang, "poäng", "points")})</span>" : "";
        return $"<li data-reason=\"{E(WireName(reason.Kind))}\" data-id=\"{E(reason.Id)}\">{E(reason.Text, lang)}{points}</li>";
    }

    /// <summary>The advisor's report: the programmes most products of the cohort would be offered, and for which of their gaps.</summary>
    public static string Demand(CohortDemand demand, QuestionnaireSchema schema, string lang)
    {
        const int shown = 10;
        var html = new StringBuilder($"<section class=\"card\" id=\"programme-demand\"><h3>{T(lang, "Stöd som gruppens gap efterfrågar", "Programmes the cohort's gaps call for")}</h3>");
        var max = N(CohortProgrammes.MaxProducts, "#,0").Replace(",", T(lang, "\u00a0", ","));
        var basis = demand.Capped
            ? T(lang, $"De första {max} bedömda produkterna i urvalet", $"The first {max} scored products of the filter")
            : T(lang, $"{demand.Products} bedömda produkter", $"{demand.Products} scored products");
        html.Append($"<p class=\"muted\" id=\"programme-demand-basis\">{E(basis)}; {T(lang,
            $"ett program räknas för en produkt när det är bland produktens {ProgrammeOffers.Top} bästa.",
            $"a programme counts for a product when it is among that product's best {ProgrammeOffers.Top}.")}</p>");
        if (demand.Programmes.Count == 0)
            return html.Append($"<p>{T(lang, "Inga bedömda produkter med förklarade gap i urvalet.", "No scored products with explained gaps in the filter.")}</p></section>").ToString();

        var top = demand.Programmes.Take(shown).ToList();
        html.Append(Charts.HorizontalBars(top.Select(d => new Charts.Bar(Label(d.Programme.Name.In(lang)), d.Products)).ToList(), Math.Max(1, demand.Products),
                T(lang, "Antal produkter som programmet skulle hjälpa", "Products the programme would help")))
            .Append($"<table id=\"programme-demand-table\"><tr><th>{T(lang, "Program", "Programme")}</th><th>{T(lang, "Produkter", "Products")}</th><th>{T(lang, "Gap som oftast gör det relevant", "Gaps that most often make it relevant")}</th></tr>");
        foreach (var d in top)
        {
            var gaps = string.Join("; ", d.Gaps.Take(3).Select(g =>
                $"{(schema.QuestionsById.TryGetValue(g.QuestionId, out var q) ? E(q.Text, lang) : E(g.QuestionId))} ({g.Products})"));
            html.Append($"<tr data-programme-id=\"{E(d.Programme.Id)}\"><td><a href=\"{E(d.Programme.Url)}\" rel=\"noopener noreferrer\" target=\"_blank\">{E(d.Programme.Name, lang)}</a>")
                .Append($"<br><span class=\"muted\">{E(d.Programme.Provider, lang)}</span></td><td>{d.Products}</td><td>{(gaps.Length == 0 ? T(lang, "inget namngivet gap; via sina områden", "no gap by name; through its areas") : gaps)}</td></tr>");
        }
        return html.Append("</table></section>").ToString();
    }

    /// <summary>The chart's label column is narrow; the table beside it gives the full name.</summary>
    private static string Label(string name) => name.Length <= 42 ? name : name[..41].TrimEnd() + "…";

    /// <summary>The page the description rests on, by its site's name, and when it was read; the link carries the full address.</summary>
    private static string Sources(IReadOnlyList<SourceCitation> sources, string lang) =>
        $"<p class=\"source muted\">{T(lang, "Källa", "Source")}: " + string.Join(", ", sources.Select(s =>
            $"<a href=\"{E(s.Url)}\" rel=\"noopener noreferrer\" target=\"_blank\">{E(Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) ? uri.Host : s.Url)}</a> ({T(lang, "läst", "read")} {s.Accessed:yyyy-MM-dd})")) + "</p>";

    private static string KindName(ProgrammeKind kind, string lang) => kind switch
    {
        ProgrammeKind.Advice => T(lang, "rådgivning", "advice"),
        ProgrammeKind.Grant => T(lang, "bidrag", "grant"),
        ProgrammeKind.Loan => T(lang, "lån", "loan"),
        ProgrammeKind.Guarantee => T(lang, "garanti", "guarantee"),
        ProgrammeKind.Information => T(lang, "information", "information"),
        _ => T(lang, "nätverk", "network"),
    };

    /// <summary>The reason's kind as the API writes it (<c>gap</c>, <c>s3Area</c>), for tests and styles.</summary>
    private static string WireName(MatchReasonKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
