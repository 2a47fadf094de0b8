using System.Security.Cryptography;
using System.Text;
using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// The advisors' keys from <c>ExportReadiness__AdvisorApiKeys</c>: <c>name:key</c> entries, comma-separated, so a
/// key signs its advisor in by name. A key without a name signs in as "advisor key N" (its place in the list).
/// </summary>
public sealed class AdvisorKeys(IOptionsMonitor<ExportReadinessOptions> options)
{
    /// <summary>As Azure Functions function keys are sent.</summary>
    public const string Header = "x-functions-key";

    /// <summary>
    /// Where an earlier release kept the raw key after sign-in. No longer read: signing in or out deletes it, so the
    /// key does not linger in browsers that signed in before the session cookie.
    /// </summary>
    public const string LegacyCookie = "advisor_key";

    /// <summary>The advisor a key belongs to, or null when it is no advisor's key.</summary>
    public string? AdvisorOf(string presented)
    {
        if (presented.Length == 0) return null;
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        string? match = null;
        // Compare against every key in constant time, so timing does not reveal which key or prefix matched.
        foreach (var (name, key) in Entries(options.CurrentValue))
            if (CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key))) match ??= name;
        return match;
    }

    public static IReadOnlyList<(string Name, string Key)> Entries(ExportReadinessOptions options) =>
        (options.AdvisorApiKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((entry, i) => entry.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
                ? (entry[..colon].Trim(), entry[(colon + 1)..].Trim())
                : ($"advisor key {i + 1}", entry))
            .ToList();
}
