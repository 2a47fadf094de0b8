using System.Security.Claims;
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

    /// <summary>The claim of a session naming the key that opened it, by <see cref="AdvisorKey.Fingerprint"/>.</summary>
    public const string FingerprintClaim = "exportreadiness:key";

    /// <summary>The advisor a key belongs to, with the key's fingerprint, or null when it is no advisor's key.</summary>
    public AdvisorKey? Match(string presented)
    {
        if (presented.Length == 0) return null;
        var presentedDigest = Digest(presented);
        AdvisorKey? match = null;
        // Compare against every key in constant time, so timing does not reveal which key or prefix matched. The
        // digests are compared, not the raw bytes: FixedTimeEquals returns at once when lengths differ, which would
        // tell a guesser the key's length; digests are always 32 bytes.
        foreach (var (name, key) in Entries(options.CurrentValue))
            if (CryptographicOperations.FixedTimeEquals(presentedDigest, Digest(key))) match ??= new AdvisorKey(name, Fingerprint(key));
        return match;
    }

    /// <summary>
    /// Whether the key that opened a session (its advisor and fingerprint) is still configured with the same value:
    /// a key removed or rotated since ends the sessions it opened.
    /// </summary>
    public bool StillHolds(ClaimsPrincipal session)
    {
        var name = session.FindFirst(ClaimTypes.Name)?.Value;
        var fingerprint = session.FindFirst(FingerprintClaim)?.Value;
        if (name is null || fingerprint is null) return false;
        return Entries(options.CurrentValue).Any(entry => entry.Name == name && Fingerprint(entry.Key) == fingerprint);
    }

    /// <summary>
    /// Names a key's value without revealing it: the first 8 bytes of its SHA-256, kept in the protected session ticket
    /// (never the key), enough to tell a rotated key from the one that opened a session.
    /// </summary>
    private static string Fingerprint(string key) => Convert.ToHexString(Digest(key), 0, 8);

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static IReadOnlyList<(string Name, string Key)> Entries(ExportReadinessOptions options) =>
        (options.AdvisorApiKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((entry, i) => entry.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
                ? (entry[..colon].Trim(), entry[(colon + 1)..].Trim())
                : ($"advisor key {i + 1}", entry))
            .ToList();
}

/// <summary>The key a request or a sign-in presented: whose it is, and its fingerprint (never its value).</summary>
public sealed record AdvisorKey(string Advisor, string Fingerprint);
