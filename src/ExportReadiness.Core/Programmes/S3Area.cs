using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// The five knowledge areas of the joint smart specialisation (S3) analysis of Region Kalmar län, Region Kronoberg,
/// Region Jönköpings län and Region Gotland (docs/support-programmes.md), or none.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<S3Area>))]
public enum S3Area
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("wood-forest")] WoodAndForest,
    [JsonStringEnumMemberName("food")] Food,
    [JsonStringEnumMemberName("visitor-economy")] VisitorEconomy,
    [JsonStringEnumMemberName("industrial-development")] IndustrialDevelopment,
    [JsonStringEnumMemberName("digital-services")] DigitalServiceDevelopment,
}
