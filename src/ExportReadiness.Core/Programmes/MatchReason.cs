using System.Text.Json.Serialization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Programmes;

[JsonConverter(typeof(JsonStringEnumConverter<MatchReasonKind>))]
public enum MatchReasonKind
{
    /// <summary>The programme names one of the product's gaps (a question with headroom).</summary>
    [JsonStringEnumMemberName("gap")] Gap,

    /// <summary>The programme works on a dimension where the product has gaps it does not name one by one.</summary>
    [JsonStringEnumMemberName("dimension")] Dimension,

    /// <summary>The programme is for the product's sector in particular.</summary>
    [JsonStringEnumMemberName("sector")] Sector,

    /// <summary>The programme is for the product's region in particular.</summary>
    [JsonStringEnumMemberName("region")] Region,

    /// <summary>The programme belongs to the smart specialisation area of the product's sector and region.</summary>
    [JsonStringEnumMemberName("s3Area")] S3Area,
}

/// <summary>
/// One reason a programme is offered, as data a page or the API renders: <see cref="Id"/> is the question, dimension,
/// sector, region or S3 area code; <see cref="Points"/> the score points of headroom behind it (0 for fit reasons);
/// <see cref="Text"/> a ready sentence in both languages.
/// </summary>
public sealed record MatchReason(MatchReasonKind Kind, string Id, double Points, LocalizedText Text);
