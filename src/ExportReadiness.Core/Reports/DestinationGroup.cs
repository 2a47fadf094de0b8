using System.Text.Json.Serialization;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// The products a destination or programme report is about: those of a programme, sector and region (each optional),
/// as they stood at the end of <see cref="AsOf"/> (UTC). A destination is a programme or a region, for example every
/// <c>tourism</c> product of programme <c>asnen</c>.
/// </summary>
public sealed record DestinationGroup(string? Programme, string? Sector, string? Region, DateOnly AsOf)
{
    /// <summary>Only scored assessments can say whether a criterion is met; the store filters the rest out.</summary>
    [JsonIgnore]
    public AssessmentQuery Query => new(Programme, Sector: Sector, Region: Region, Status: AssessmentStatus.Scored);

    /// <summary>Submitted on or before <see cref="AsOf"/>, by the UTC date the pages and the CSV show.</summary>
    public bool Includes(Assessment assessment) => DateOnly.FromDateTime(assessment.SubmittedAt.UtcDateTime) <= AsOf;

    /// <summary>A short label for a column or a chart legend: "asnen · tourism · 2026-11-25".</summary>
    public string Label =>
        string.Join(" · ", new[] { Programme, Sector, Region }.Where(p => p is not null).Append(AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
}
