using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Questionnaire;

[JsonConverter(typeof(JsonStringEnumConverter<ContextFieldType>))]
public enum ContextFieldType
{
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("integer")] Integer,
    [JsonStringEnumMemberName("number")] Number,

    /// <summary>One of the schema's sector ids.</summary>
    [JsonStringEnumMemberName("sector")] Sector,

    /// <summary>One of the schema's region ids.</summary>
    [JsonStringEnumMemberName("region")] Region,
}

/// <summary>
/// A field about the company or the product (not a scored question): its label, type and bounds. The form
/// asks for it and the validator checks it from this one description, which the API serves with the
/// questions. <see cref="Id"/> is the field's path in a submission, such as <c>company.employees</c>.
/// </summary>
public sealed record ContextField(
    string Id,
    LocalizedText Label,
    ContextFieldType Type,
    bool Required,
    double? Min = null,
    double? Max = null,
    int? MaxLength = null,
    string? Default = null,
    LocalizedText? Unit = null)
{
    /// <summary>The upper bound is the current year (a founding year cannot lie in the future).</summary>
    public bool MaxIsCurrentYear { get; init; }

    public double? MaxOn(DateTimeOffset today) => MaxIsCurrentYear ? today.Year : Max;
}
