using System.ComponentModel.DataAnnotations;
using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Application.Funnel;

/// <summary>One configured stage: its id (what the API and the store speak) and its names.</summary>
public sealed class FunnelStageOption
{
    public string Id { get; set; } = "";
    public string Sv { get; set; } = "";
    public string En { get; set; } = "";
}

/// <summary>
/// The <c>ExportReadiness:Funnel</c> section: the stages advisors move products through, in order
/// (<c>ExportReadiness__Funnel__Stages__0__Id=screened</c>, <c>…__0__Sv</c>, <c>…__0__En</c>, …). None configured: PEGIN's
/// five (<see cref="FunnelStages.Default"/>). Renaming a stage is safe; removing one leaves its stored moves shown by id.
/// </summary>
public sealed partial class FunnelOptions : IValidatableObject
{
    public const string Section = "ExportReadiness:Funnel";

    /// <summary>Left empty by default and filled after binding: the binder appends to a list it finds filled, so defaults here would merge with configured stages.</summary>
    public List<FunnelStageOption> Stages { get; set; } = [];

    public FunnelStages ToStages() => Stages.Count == 0
        ? FunnelStages.Default
        : new FunnelStages(Stages.Select(s => new FunnelStage(s.Id, new(s.Sv, s.En))).ToList());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Stages.Count == 0) yield break;
        if (Stages.Count < 2) yield return new("A funnel needs at least two stages.", [nameof(Stages)]);
        for (var i = 0; i < Stages.Count; i++)
        {
            var s = Stages[i];
            // The id is part of a table key (RowKey) and of CSV column names: lower-case letters, digits and dashes.
            if (!StageId().IsMatch(s.Id)) yield return new($"Stages[{i}].Id '{s.Id}' must be 1–40 lower-case letters, digits or dashes, starting with a letter or digit.", [nameof(Stages)]);
            if (string.IsNullOrWhiteSpace(s.Sv) || string.IsNullOrWhiteSpace(s.En)) yield return new($"Stages[{i}] needs a Swedish (Sv) and an English (En) name.", [nameof(Stages)]);
        }
        foreach (var twice in Stages.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            yield return new($"Stage id '{twice.Key}' appears more than once.", [nameof(Stages)]);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex StageId();
}
