using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Reads a JSON request body by hand, so a wrong content type is a 415, an oversized body a 413 and
/// malformed JSON a 400 naming the position, all as problem details, never an exception page.
/// </summary>
public static class JsonBodyReader
{
    public sealed record Body(JsonElement Root, ReadOnlyMemory<byte> Raw);

    public static async Task<(Body? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send the body as application/json."));
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));

        if (await BoundedBody.ReadAsync(request.Body, maxBytes, cancellationToken) is not { } raw) return (null, TooLarge(maxBytes));
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 16 });
            if (FindInvalidText(document.RootElement, "$") is { } field)
                return (null, Problems.InvalidField(field, "Contains text that is not valid Unicode (bytes that are not UTF-8, or an unpaired \\u surrogate)."));
            return (new Body(document.RootElement.Clone(), raw), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.InvalidField("$", $"The body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine})."));
        }
    }

    /// <summary>
    /// The field of the first string or property name that cannot be read as text. JsonDocument accepts
    /// such JSON and only GetString throws later, deep in a validator, as an InvalidOperationException.
    /// </summary>
    internal static string? FindInvalidText(JsonElement element, string path)
    {
        string Child(string name) => path == "$" ? name : $"{path}.{name}";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(() => property.Name)) return path;
                    if (FindInvalidText(property.Value, Child(property.Name)) is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FindInvalidText(item, $"{path}[{index++}]") is { } found) return found;
                return null;
            case JsonValueKind.String:
                return IsText(element.GetString) ? null : path;
            default:
                return null;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {maxBytes / 1024} KiB is accepted.");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
