using System.Collections.Frozen;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Localization;

/// <summary>
/// Every text of the pages and API messages, read once from the <c>.resx</c> files in <see cref="TextOptions.ResourcesPath"/>.
/// A file is named for its text set and culture (<c>SmeTexts.en.resx</c>); the one without a culture is in
/// <see cref="TextOptions.DefaultCulture"/>. The cultures with files are the languages the service offers.
/// </summary>
public sealed class TextCatalog
{
    private readonly FrozenDictionary<(string Set, string Culture), FrozenDictionary<string, string>> _texts;

    public TextCatalog(IOptions<TextOptions> options)
    {
        var folder = options.Value.ResourcesPath;
        DefaultCulture = CultureInfo.GetCultureInfo(options.Value.DefaultCulture);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No text resources in '{folder}' ({TextOptions.Section}:{nameof(TextOptions.ResourcesPath)}).");

        var texts = new Dictionary<(string, string), FrozenDictionary<string, string>>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.resx"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var dot = name.IndexOf('.');
            var (set, culture) = dot < 0 ? (name, "") : (name[..dot], CultureInfo.GetCultureInfo(name[(dot + 1)..]).Name);
            texts[(set, culture)] = Read(file);
        }
        _texts = texts.ToFrozenDictionary();
        Languages = [DefaultCulture, .. texts.Keys.Select(k => k.Item2).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).Select(CultureInfo.GetCultureInfo)];
    }

    public CultureInfo DefaultCulture { get; }

    /// <summary>The default culture first, then every culture some text set has a file for.</summary>
    public IReadOnlyList<CultureInfo> Languages { get; }

    /// <summary>
    /// A set's text in a culture: its own file, then its parent culture's (<c>fi-FI</c>, then <c>fi</c>), then the
    /// default language's; null when no file has it.
    /// </summary>
    public string? Find(string set, string key, CultureInfo culture)
    {
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            var name = Equals(c, DefaultCulture) ? "" : c.Name;
            if (_texts.TryGetValue((set, name), out var texts) && texts.TryGetValue(key, out var text)) return text;
        }
        return _texts.TryGetValue((set, ""), out var defaults) && defaults.TryGetValue(key, out var fallback) ? fallback : null;
    }

    /// <summary>Every key of a set with the text it has in a culture, for a localizer's <c>GetAllStrings</c>.</summary>
    public IEnumerable<(string Key, string Text)> All(string set, CultureInfo culture) =>
        (_texts.TryGetValue((set, ""), out var defaults) ? defaults.Keys : [])
            .Select(key => (key, Find(set, key, culture) ?? key));

    /// <summary>The keys a set has in one file (the default language's for ""), for the tests that compare files.</summary>
    public IReadOnlyCollection<string> Keys(string set, string culture) =>
        _texts.TryGetValue((set, culture), out var texts) ? texts.Keys : [];

    private static FrozenDictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToFrozenDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
}
