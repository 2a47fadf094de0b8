using System.Globalization;
using System.Text.RegularExpressions;
using ExportReadiness.Application.Localization;

namespace ExportReadiness.Application.Tests.Localization;

/// <summary>The Swedish and English files of every text set hold the same keys, and each text the same placeholders.</summary>
public sealed partial class ResourceFilesTests : ApplicationTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Every text set the service ships: a <c>{Set}.resx</c> in the resources folder.</summary>
    private static IReadOnlyList<string> SetNames() =>
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Resources"), "*.resx")
            .Select(file => Path.GetFileNameWithoutExtension(file)).Where(name => !name.Contains('.')).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Sets() => [.. SetNames()];

    [Fact]
    public void The_service_ships_the_shared_and_api_texts_in_swedish_and_english_and_offers_those_two()
    {
        Assert.Contains(nameof(SharedTexts), SetNames());
        Assert.Contains(nameof(ApiTexts), SetNames());
        Assert.Equal(["sv", "en"], App.Get<TextCatalog>().Languages.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_swedish_key_has_an_english_text_and_every_english_key_a_swedish_one(string set)
    {
        var catalog = App.Get<TextCatalog>();
        var swedish = catalog.Keys(set, "");
        var english = catalog.Keys(set, English.Name);

        Assert.NotEmpty(swedish);
        Assert.Empty(swedish.Except(english).Order(StringComparer.Ordinal));
        Assert.Empty(english.Except(swedish).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_text_has_the_same_placeholders_in_swedish_and_english_and_no_markup(string set)
    {
        var catalog = App.Get<TextCatalog>();
        var mismatched = catalog.Keys(set, "")
            .Select(key => (Key: key, Sv: catalog.Find(set, key, catalog.DefaultCulture)!, En: catalog.Find(set, key, English)!))
            .Where(t => !Placeholders(t.Sv).SetEquals(Placeholders(t.En)))
            .Select(t => $"{t.Key}: '{t.Sv}' / '{t.En}'");
        var markup = catalog.Keys(set, "").Concat(catalog.Keys(set, English.Name)).Distinct()
            .Where(key => Markup().IsMatch(catalog.Find(set, key, catalog.DefaultCulture)!) || Markup().IsMatch(catalog.Find(set, key, English)!));

        Assert.Empty(mismatched);
        Assert.Empty(markup);
    }

    [Fact]
    public void A_placeholder_mismatch_would_be_seen()
    {
        Assert.False(Placeholders("Högst {0} tecken.").SetEquals(Placeholders("At most characters.")));
        Assert.True(Placeholders("'{0}' är inget svarsalternativ. Använd ett av: {1}.").SetEquals(Placeholders("'{0}' is not an option. Use one of: {1}.")));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][^>]*>")]
    private static partial Regex Markup();
}
