using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// The codes an enum is written with in JSON, read from the same attributes the serializer uses, so the catalogue
/// reader and the reasons cannot drift from what the API writes.
/// </summary>
internal static class WireNames<T> where T : struct, Enum
{
    public static readonly FrozenDictionary<string, T> ByName = Enum.GetValues<T>().ToFrozenDictionary(
        v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name,
        StringComparer.Ordinal);

    public static readonly FrozenDictionary<T, string> ByValue = ByName.ToFrozenDictionary(p => p.Value, p => p.Key);
}
