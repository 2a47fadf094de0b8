using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// The <c>ExportReadiness:Retention</c> section: how long a product is kept after its last activity (its latest submission,
/// review, stage move or action change) before the nightly retention run erases it. Validated at start: at least a year.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "ExportReadiness:Retention";

    [Range(1, 100)]
    public int YearsAfterLastActivity { get; set; } = 5;
}
