using System.Globalization;
using System.Xml.Linq;
using ExportReadiness.Core.Localization;

/// <summary>
/// The API's messages in English, read from the service's own <c>ApiTexts.en.resx</c> (copied beside the tool at build),
/// so a row the CLI rejects gives the same reason the service's outcome report does.
/// </summary>
internal sealed class EnglishMessages : IMessageTexts
{
    private readonly Dictionary<string, string> _texts = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Resources", "ApiTexts.en.resx"))
        .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    public string Text(Message message) =>
        _texts.TryGetValue(message.Key, out var text)
            ? string.Format(CultureInfo.InvariantCulture, text, [.. message.Arguments])
            : throw new KeyNotFoundException($"No text '{message.Key}' in ApiTexts.en.resx.");
}
