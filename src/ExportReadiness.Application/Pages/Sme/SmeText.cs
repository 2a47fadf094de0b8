using ExportReadiness.Application.Localization;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Scoring;
using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Pages.Sme;

/// <summary>The names the SME's pages (and the advisor's) give the model's levels and the plan's statuses.</summary>
public static class SmeText
{
    /// <summary>The model's level by its decided name ("Nästan redo" / "Nearly ready"): a text, never HTML.</summary>
    public static string LevelName(this IStringLocalizer<SmeTexts> texts, ReadinessLevel level) => texts[$"Level{level}"];

    public static string StatusName(this IStringLocalizer<SmeTexts> texts, ActionStatus status) => texts[$"Status{status}"];
}
