using System.Text.Json;
using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Reads a JSON request body by hand, so a wrong content type is a 415, an oversized body a 413 and
/// malformed JSON a 400 naming the position, all as problem details, never an exception page, in the request's
/// language (<see cref="ApiMessages"/>).
/// </summary>
public static class JsonBodyReader
{
    public sealed record Body(JsonElement Root, ReadOnlyMemory<byte> Raw);

    public static async Task<(Body? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        if (!IsJson(request.ContentType))
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, Messages.UnsupportedMediaType, Messages.SendJson, texts));
        if (request.ContentLength > maxBytes)
            return (null, BoundedBody.TooLarge(maxBytes, texts));

        if (await BoundedBody.ReadAsync(request.Body, maxBytes, cancellationToken) is not { } raw) return (null, BoundedBody.TooLarge(maxBytes, texts));
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 16 });
            if (FindInvalidText(document.RootElement, "$") is { } field)
                return (null, Problems.InvalidField(field, Messages.NotUnicode, texts));
            return (new Body(document.RootElement.Clone(), raw), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.InvalidField("$", Messages.NotJson((e.LineNumber ?? 0) + 1, e.BytePositionInLine ?? 0), texts));
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

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>An optional text field of a body, trimmed; absent or null is empty. A non-string or an overlong text adds an error naming the field.</summary>
    public static string OptionalText(JsonElement root, string field, int maxLength, Dictionary<string, string[]> errors, IMessageTexts texts)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return "";
        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = [texts.Text(Messages.ExpectedString)];
            return "";
        }
        var text = value.GetString()!.Trim();
        if (text.Length > maxLength) errors[field] = [texts.Text(Messages.AtMostCharacters(maxLength))];
        return text;
    }
}
