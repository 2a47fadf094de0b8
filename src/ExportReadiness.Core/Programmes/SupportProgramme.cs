using System.Text.Json.Serialization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// A real, publicly described support programme or actor, in the questionnaire's own terms: the dimensions and
/// questions (gaps) it helps with and the sectors and regions it serves, so it can be matched to a scored product.
/// </summary>
public sealed record SupportProgramme
{
    /// <summary>In <see cref="Sectors"/> or <see cref="Regions"/>: every sector, or every Swedish county.</summary>
    public const string All = "all";

    /// <summary>The questionnaire's region for a company outside Sweden, which "all" does not cover.</summary>
    public const string OutsideSweden = "outside";

    public required string Id { get; init; }
    public required LocalizedText Name { get; init; }
    public required LocalizedText Provider { get; init; }
    public required ProgrammeKind Kind { get; init; }
    public required LocalizedText Description { get; init; }
    public required IReadOnlyList<string> Dimensions { get; init; }

    /// <summary>The questions whose gaps the programme addresses directly; each lies in one of <see cref="Dimensions"/>.</summary>
    public required IReadOnlyList<string> Questions { get; init; }

    public required IReadOnlyList<string> Sectors { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required S3Area S3Area { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<SourceCitation> Sources { get; init; }

    [JsonIgnore]
    public bool IsRegional => !Regions.Contains(All);

    [JsonIgnore]
    public bool IsSectorSpecific => !Sectors.Contains(All);

    public bool ServesSector(string sector) => !IsSectorSpecific || Sectors.Contains(sector);

    /// <summary>
    /// "all" means every Swedish county, not a company abroad: the catalogue's national programmes are for companies
    /// in Sweden. An entry that also serves companies abroad lists "outside" as well.
    /// </summary>
    public bool ServesRegion(string region) => Regions.Contains(region) || (!IsRegional && region != OutsideSweden);
}
