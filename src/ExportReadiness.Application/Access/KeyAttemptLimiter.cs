using System.Threading.RateLimiting;
using ExportReadiness.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// Wrong advisor keys per client address: after <see cref="AdvisorSessionOptions.FailedKeyAttemptsPerMinute"/> in a
/// minute, no key from that address is even checked until the window passes, so guessing is slow whichever way the
/// keys come (the sign-in form or the <c>x-functions-key</c> header). Counted per instance: with N instances a
/// client gets at most N times the limit. Every refusal, wrong or unchecked, counts in
/// <c>exportreadiness.advisor.key_refusals</c>: a spike is someone guessing.
/// </summary>
public sealed class KeyAttemptLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly ExportReadinessMetrics _metrics;

    public KeyAttemptLimiter(IOptions<AdvisorSessionOptions> options, ExportReadinessMetrics metrics)
    {
        _metrics = metrics;
        var limit = options.Value.FailedKeyAttemptsPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    /// <summary>How long the client must wait before a key of its is checked again; null while it may try.</summary>
    public TimeSpan? Refusal(string client)
    {
        // Asking for no permit tells whether any is left without using one.
        using var lease = _failures.AttemptAcquire(client, 0);
        if (lease.IsAcquired) return null;
        _metrics.KeyRefused(ExportReadinessMetrics.KeyRefusal.TooManyAttempts);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void RecordFailure(string client)
    {
        _metrics.KeyRefused(ExportReadinessMetrics.KeyRefusal.WrongKey);
        _failures.AttemptAcquire(client).Dispose();
    }

    public void Dispose() => _failures.Dispose();

    /// <summary>Seconds for a Retry-After header, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
