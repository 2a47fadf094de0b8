using System.Text;
using ExportReadiness.Core.Programmes;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The best programme matches for one product as a string, for the SME's result page until it renders
/// <see cref="Programmes.ProgrammeMatches"/> (which the advisor's detail page already does, with these texts in AdvisorTexts).
/// </summary>
// TODO(issue 18 merge): string shim for SmePages
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
