using System.Text.Json;

namespace ExportReadiness.Application.Queues;

/// <summary>Reading the JSON of our own queue messages, with property names in any case.</summary>
public static class MessageJson
{
    /// <summary>The message's root object; a message that is not a JSON object can never be handled.</summary>
    public static JsonElement Object(string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : throw new MalformedMessageException("The message is not a JSON object.");
        }
        catch (JsonException)
        {
            throw new MalformedMessageException("The message is not JSON.");
        }
    }

    public static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    public static string? Text(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}

/// <summary>A queue message that can never be handled, however often it is retried.</summary>
public sealed class MalformedMessageException(string message) : Exception(message);
