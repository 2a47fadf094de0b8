using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Programmes;

/// <summary>The <c>ExportReadiness:Programmes</c> section: the support-programme catalogue and its advisor extension.</summary>
public sealed class ProgrammeOptions
{
    public const string Section = "ExportReadiness:Programmes";

    /// <summary>
    /// How long an instance serves the merged catalogue before it re-reads the extension blob. The instance that takes
    /// an advisor's PUT uses the new catalogue at once; the others within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest extension document accepted. The whole bundled catalogue is about 43 KB, so an advisor who copies
    /// every entry to correct it still fits, with room for as many new ones; anything larger is a mistake.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxExtensionBytes { get; set; } = 256 * 1024;
}
