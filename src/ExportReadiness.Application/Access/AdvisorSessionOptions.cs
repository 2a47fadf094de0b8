using System.ComponentModel.DataAnnotations;

namespace ExportReadiness.Application.Access;

/// <summary>The <c>ExportReadiness:AdvisorSession</c> section: how long a sign-in lasts and how many wrong keys a client may try.</summary>
public sealed class AdvisorSessionOptions : IValidatableObject
{
    public const string Section = "ExportReadiness:AdvisorSession";

    /// <summary>A session unused this long ends; each use past half of it renews the cookie (sliding expiry).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session ends this long after sign-in (a working day), and the advisor signs in again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong keys one client address may try per minute (sign-in form and <c>x-functions-key</c> alike) before it gets 429.</summary>
    [Range(1, 1000)]
    public int FailedKeyAttemptsPerMinute { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AbsoluteTimeout < IdleTimeout)
            yield return new ValidationResult("The absolute timeout cannot be shorter than the idle timeout.", [nameof(AbsoluteTimeout)]);
    }
}
