using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// Server-rendered HTML. Every value that came from a user (company and product names, notes) goes
/// through <see cref="E"/>; nothing is loaded from a CDN, so the pages work offline.
/// </summary>
public static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string E(LocalizedText text, string lang) => E(text.In(lang));

    /// <summary>A sector's or region's name in the page's language; the stored id if the schema lacks it.</summary>
    public static string SectorName(this QuestionnaireSchema schema, string id, string lang) => schema.FindSector(id)?.Name.In(lang) ?? id;

    /// <summary>A dimension's name in the page's language; the stored id if the schema lacks it.</summary>
    public static string DimensionName(this QuestionnaireSchema schema, string id, string lang) => schema.Dimensions.FirstOrDefault(d => d.Id == id)?.Name.In(lang) ?? id;

    public static string RegionName(this QuestionnaireSchema schema, string id, string lang) => schema.FindRegion(id)?.Name.In(lang) ?? id;

    public static string N(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a person reads the answer in a browser (a page: not the API, not an asset), so a refusal or an error
    /// should be a page in their language rather than problem details.
    /// </summary>
    public static bool IsPageRequest(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page's language (<see cref="Localization.RequestLanguage"/>): ?lang=, the lang cookie, Accept-Language, then Swedish.</summary>
    public static string Language(HttpRequest request) => Localization.RequestLanguage.Of(request).Name;

    public static string T(string lang, string sv, string en) => lang == "en" ? en : sv;

    /// <summary>A filter's options: "All" (empty) first, then each, the selected one marked.</summary>
    public static string SelectOptions(IEnumerable<(string Id, string Name)> options, string? selected, string lang) =>
        $"<option value=\"\">{T(lang, "Alla", "All")}</option>" + string.Concat(options.Select(o => $"<option value=\"{E(o.Id)}\"{(o.Id == selected ? " selected" : "")}>{E(o.Name)}</option>"));

    /// <summary>The same page in the other language: every query parameter (an SME's token too) is kept.</summary>
    private static string LanguageLink(HttpRequest request, string lang)
    {
        var query = request.Query.Where(q => q.Key != "lang").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return E($"{request.Path}?{string.Join('&', query.Append($"lang={lang}"))}");
    }

    public static IResult Page(HttpRequest request, string title, string body, int status = StatusCodes.Status200OK, string? head = null, string? script = null)
    {
        var lang = Language(request);
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · ExportReadiness</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\">").Append(head)
            .Append("</head><body><header class=\"site\"><a class=\"brand\" href=\"/?lang=").Append(lang).Append("\">ExportReadiness</a>")
            .Append($"<nav><a href=\"{LanguageLink(request, "sv")}\" class=\"lang\">Svenska</a> · <a href=\"{LanguageLink(request, "en")}\" class=\"lang\">English</a></nav></header>")
            .Append("<main>").Append(body).Append("</main>")
            .Append(script is null ? "" : $"<script src=\"/assets/{script}\" defer></script>")
            .Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
