using System.Globalization;
using System.Xml.Linq;
using ExportReadiness.Core.Localization;

namespace ExportReadiness.Core.Tests;

/// <summary>
/// The API's messages in the words of the service's own <c>ApiTexts</c> resource files (copied beside the tests), so
/// Core's tests read what a client reads without the application that serves them.
/// </summary>
internal sealed class ResourceTexts(string file) : IMessageTexts
{
    public static readonly ResourceTexts Swedish = new("ApiTexts.resx");
    public static readonly ResourceTexts English = new("ApiTexts.en.resx");

    public IReadOnlyDictionary<string, string> Texts { get; } = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Resources", file))
        .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    public string Text(Message message) => string.Format(CultureInfo.InvariantCulture, Texts[message.Key], [.. message.Arguments]);
}
