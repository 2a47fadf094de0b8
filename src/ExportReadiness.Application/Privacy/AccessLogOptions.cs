using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// How long the access log is kept (<c>ExportReadiness__AccessLog__RetentionMonths</c>), on its own clock: it records who
/// handled a product, and outlives the product's erasure by design (docs/privacy.md).
/// </summary>
public sealed class AccessLogOptions
{
    public const string Section = "ExportReadiness:AccessLog";

    /// <summary>Whole months kept before the current one; older months are deleted by the nightly expiry.</summary>
    [Range(1, 120)]
    public int RetentionMonths { get; set; } = 24;

    /// <summary>The most entries <c>GET /api/products/{productId}/access-log</c> answers with, newest first.</summary>
    public const int MaxEntries = 500;
}
