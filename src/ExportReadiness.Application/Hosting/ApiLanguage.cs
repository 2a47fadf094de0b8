using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// The language of the API's messages, from <c>Accept-Language</c>: Swedish when the client prefers Swedish (<c>sv</c>,
/// <c>sv-SE</c>, <c>sv-FI</c>, …) over English, English otherwise. English stays the default because the API answered
/// English before it spoke Swedish, and scripts written against it may match on its messages. The pages choose their
/// language by <c>?lang=</c> instead (Swedish by default): a link must open in the language it was sent in.
/// </summary>
public static class ApiLanguage
{
    public const string Swedish = "sv";
    public const string English = "en";

    public static string Of(HttpRequest request) => Choose(request.GetTypedHeaders().AcceptLanguage);

    /// <summary>The first of sv and en in the client's order of preference; English if it names neither.</summary>
    public static string Choose(IEnumerable<StringWithQualityHeaderValue> ranges) => Preferred(ranges) ?? English;

    /// <summary>
    /// The first of sv and en in the client's order of preference (quality, then position), or null when it names
    /// neither, for an answer that then carries both languages.
    /// </summary>
    public static string? Preferred(IEnumerable<StringWithQualityHeaderValue> ranges) =>
        ranges
            .Select((range, position) => (Language: Primary(range.Value.Value), Quality: range.Quality ?? 1, Position: position))
            .Where(r => r.Quality > 0 && r.Language is Swedish or English)
            .OrderByDescending(r => r.Quality).ThenBy(r => r.Position)
            .Select(r => r.Language)
            .FirstOrDefault();

    /// <summary>"sv-SE" → "sv"; "*" and malformed tags match nothing.</summary>
    private static string Primary(string? tag) =>
        (tag ?? "").Split('-', 2)[0].ToLowerInvariant();
}
