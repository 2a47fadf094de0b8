using System.Globalization;
using System.Text.Json;

namespace ExportReadiness.Functions.Invocations;

/// <summary>
/// Reading JSON the way the Functions host writes it to a custom handler: names in any case, values
/// JSON-encoded a second time as string literals, numbers as numbers or strings.
/// </summary>
public static class HostJson
{
    public static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return Unwrap(property.Value);
        return null;
    }

    /// <summary>If the value is a string holding a JSON object, array or literal, returns that; else the value.</summary>
    public static JsonElement Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return value;
        var text = value.GetString()!.Trim();
        if (text.Length == 0 || !(text[0] is '{' or '[' or '"')) return value;
        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    public static int? Int(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var n) => n,
        { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
