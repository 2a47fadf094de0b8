namespace ExportReadiness.Core.Localization;

/// <summary>
/// Messages as text in one language. The application reads the words from its resource files; Core only says which
/// message it means (<see cref="Message"/>), so it needs neither the files nor a request to know the language.
/// </summary>
public interface IMessageTexts
{
    string Text(Message message);
}

public static class MessageTextsExtensions
{
    /// <summary>Field errors as problem details carry them: the same fields, each message in the texts' language.</summary>
    public static Dictionary<string, string[]> In(this IMessageTexts texts, IReadOnlyDictionary<string, Message[]> messages) =>
        messages.ToDictionary(e => e.Key, e => e.Value.Select(texts.Text).ToArray(), StringComparer.Ordinal);
}
