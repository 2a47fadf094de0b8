using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Programmes;

/// <summary>What a programme gives a company; pages group and label offers by it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProgrammeKind>))]
public enum ProgrammeKind
{
    [JsonStringEnumMemberName("advice")] Advice,
    [JsonStringEnumMemberName("grant")] Grant,
    [JsonStringEnumMemberName("loan")] Loan,
    [JsonStringEnumMemberName("guarantee")] Guarantee,
    [JsonStringEnumMemberName("information")] Information,
    [JsonStringEnumMemberName("network")] Network,
}
