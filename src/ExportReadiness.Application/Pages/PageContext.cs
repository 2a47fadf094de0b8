using System.Globalization;
using ExportReadiness.Application.Localization;

namespace ExportReadiness.Application.Pages;

/// <summary>What every component of a page may need from the request it answers: its language, its links, its advisor.</summary>
public sealed class PageContext(HttpContext http, CultureInfo culture)
{
    public HttpContext Http { get; } = http;

    public CultureInfo Culture { get; } = culture;

    /// <summary>The page's language as links and data carry it (<c>sv</c>, <c>en</c>, …).</summary>
    public string Lang => Culture.Name;

    /// <summary>The languages on offer, for the header's links.</summary>
    public IReadOnlyList<CultureInfo> Languages => Http.RequestServices.GetRequiredService<TextCatalog>().Languages;

    /// <summary>
    /// The same page in another language: every query parameter is kept but a token (an old <c>?token=</c> link's
    /// page is refused, and must not echo the token into its own links).
    /// </summary>
    public string LinkIn(CultureInfo language)
    {
        var query = Http.Request.Query.Where(q => q.Key != RequestLanguage.QueryParameter && q.Key != Assessments.AssessmentHandlers.TokenQueryParameter)
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return $"{LocalPath}?{string.Join('&', query.Append($"{RequestLanguage.QueryParameter}={language.Name}"))}";
    }

    /// <summary>This page's address as requested, for "try again".</summary>
    public string Address => LocalPath + Http.Request.QueryString.ToString();

    /// <summary>
    /// The request's path as a link on this site: a path such as <c>//other.example/</c> (or <c>/\other.example/</c>)
    /// would otherwise be a link to another host.
    /// </summary>
    private string LocalPath => "/" + (Http.Request.Path.Value ?? "").TrimStart('/', '\\');
}
