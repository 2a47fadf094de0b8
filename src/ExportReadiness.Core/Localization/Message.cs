using System.Globalization;

namespace ExportReadiness.Core.Localization;

/// <summary>
/// A message as a resource key (a member of <see cref="Messages"/>) and the values of its placeholders (<c>{0}</c>,
/// <c>{1}</c>, …). The values are written out when the message is made, invariantly (<c>3.5</c>, dates as
/// <c>yyyy-MM-dd</c>), so a number reads the same in every language and a client can copy a bound into its request.
/// </summary>
public sealed record Message(string Key, IReadOnlyList<string> Arguments)
{
    public Message(string key) : this(key, []) { }

    public static Message Of(string key, params object[] arguments) => new(key, [.. arguments.Select(Invariant)]);

    public bool Equals(Message? other) => other is not null && Key == other.Key && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Key, Arguments.Count);

    public override string ToString() => Arguments.Count == 0 ? Key : $"{Key}({string.Join(", ", Arguments)})";

    private static string Invariant(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
