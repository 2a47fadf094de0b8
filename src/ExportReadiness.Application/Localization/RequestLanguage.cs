using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Localization;

/// <summary>
/// The one way a request's language is chosen, for pages and API alike: <c>?lang=</c>, then the <c>lang</c> cookie (a
/// page opened with <c>?lang=</c> remembers it), then <c>Accept-Language</c>, among the languages the
/// <see cref="TextCatalog"/> has files for. With none of them, pages are in the default language (Swedish) and the API
/// answers in English: it answered English before it spoke Swedish, and scripts written against it match on its messages.
/// </summary>
public static class RequestLanguage
{
    public const string QueryParameter = "lang";
    public const string Cookie = "lang";
    private const string ApiDefault = "en";

    /// <summary>The language of a page.</summary>
    public static CultureInfo Of(HttpRequest request) => Requested(request) ?? Catalog(request).DefaultCulture;

    /// <summary>The language of an API answer.</summary>
    public static CultureInfo OfApi(HttpRequest request) => Requested(request) ?? Offered(Catalog(request), ApiDefault) ?? Catalog(request).DefaultCulture;

    /// <summary>The language the request asks for, or null when it names none on offer (an answer may then carry every language).</summary>
    public static CultureInfo? Requested(HttpRequest request)
    {
        var catalog = Catalog(request);
        return Offered(catalog, request.Query[QueryParameter].ToString())
            ?? Offered(catalog, request.Cookies[Cookie])
            ?? Preferred(catalog, request.GetTypedHeaders().AcceptLanguage);
    }

    /// <summary>A <c>?lang=</c> naming a language on offer, which a page keeps in the <c>lang</c> cookie.</summary>
    public static CultureInfo? FromQuery(HttpRequest request) => Offered(Catalog(request), request.Query[QueryParameter].ToString());

    /// <summary>The first language on offer in the client's order of preference (quality, then position).</summary>
    public static CultureInfo? Preferred(TextCatalog catalog, IEnumerable<StringWithQualityHeaderValue> ranges) =>
        ranges
            .Select((range, position) => (Culture: Offered(catalog, range.Value.Value), Quality: range.Quality ?? 1, Position: position))
            .Where(r => r.Quality > 0 && r.Culture is not null)
            .OrderByDescending(r => r.Quality).ThenBy(r => r.Position)
            .Select(r => r.Culture)
            .FirstOrDefault();

    /// <summary>The offered language a tag names: itself (<c>fi</c>), or its language (<c>sv-SE</c> → <c>sv</c>); null for "*" or an unknown tag.</summary>
    public static CultureInfo? Offered(TextCatalog catalog, string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Split('-', 2)[0];
        return catalog.Languages.FirstOrDefault(c => string.Equals(c.Name, tag, StringComparison.OrdinalIgnoreCase))
            ?? catalog.Languages.FirstOrDefault(c => string.Equals(c.Name, primary, StringComparison.OrdinalIgnoreCase));
    }

    private static TextCatalog Catalog(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<TextCatalog>();
}
