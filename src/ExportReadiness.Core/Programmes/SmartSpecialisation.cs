using System.Collections.Frozen;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// Where the S3 knowledge areas hold and which of the questionnaire's sectors each one covers. The areas come from the
/// four regions' own analysis, so an S3 fit is only claimed for a product from those counties.
/// </summary>
public static class SmartSpecialisation
{
    /// <summary>Jönköpings, Kronobergs, Kalmar and Gotlands län: the counties whose joint analysis named the areas.</summary>
    public static readonly FrozenSet<string> Regions = FrozenSet.Create("SE-F", "SE-G", "SE-H", "SE-I");

    private static readonly FrozenDictionary<string, S3Area> BySector = new Dictionary<string, S3Area>
    {
        ["forestry"] = S3Area.WoodAndForest,
        ["food"] = S3Area.Food,
        ["tourism"] = S3Area.VisitorEconomy,
        ["manufacturing"] = S3Area.IndustrialDevelopment,
        ["process"] = S3Area.IndustrialDevelopment,
        ["digital"] = S3Area.DigitalServiceDevelopment,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<S3Area, LocalizedText> Names = new Dictionary<S3Area, LocalizedText>
    {
        [S3Area.None] = new("inget", "none"),
        [S3Area.WoodAndForest] = new("trä och skog", "wood and forest"),
        [S3Area.Food] = new("livsmedel", "food"),
        [S3Area.VisitorEconomy] = new("besöksnäring", "visitor economy"),
        [S3Area.IndustrialDevelopment] = new("industriell utveckling", "industrial development"),
        [S3Area.DigitalServiceDevelopment] = new("digital tjänsteutveckling", "digital service development"),
    }.ToFrozenDictionary();

    /// <summary>The knowledge area a product of this sector and region belongs to, or None.</summary>
    public static S3Area AreaOf(string sector, string region) =>
        Regions.Contains(region) && BySector.TryGetValue(sector, out var area) ? area : S3Area.None;

    public static LocalizedText Name(S3Area area) => Names[area];

    /// <summary>The area's code as the catalogue and the API write it, such as <c>visitor-economy</c>.</summary>
    public static string Code(S3Area area) => WireNames<S3Area>.ByValue[area];
}
