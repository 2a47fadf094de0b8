using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// Who the privacy notice on the SME's form names (<c>ExportReadiness__Privacy__*</c>): the agency running the service
/// sets its own. The notice's wording is in <c>Resources/PrivacyTexts.resx</c> (sv) and <c>PrivacyTexts.en.resx</c>, which a
/// deployment may replace like every other text (<c>Texts:ResourcesPath</c>).
/// </summary>
public sealed class PrivacyNoticeOptions : IValidatableObject
{
    public const string Section = "ExportReadiness:Privacy";

    /// <summary>The data controller, as the notice names it ("Region Kronoberg"); unset, the notice says "the organisation running the export programme".</summary>
    [MaxLength(200)]
    public string? Controller { get; set; }

    /// <summary>Where to ask about the data (an e-mail address or a phone number); unset, "your advisor in the programme".</summary>
    [MaxLength(200)]
    public string? Contact { get; set; }

    /// <summary>The full privacy policy, linked from the notice when set: an absolute https address.</summary>
    public string? PolicyUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PolicyUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            yield return new ValidationResult("PolicyUrl must be an absolute https address.", [nameof(PolicyUrl)]);
    }
}
