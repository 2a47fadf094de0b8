using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Localization;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Marks an operation anyone may call that writes (a submission or re-assessment, an action-plan change): every one
/// feeds the store, the reports and the sweeper, so each client's are limited (<see cref="AnonymousWriteLimit"/>).
/// The local host's endpoints and the Function App's functions carry it alike.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnonymousWriteAttribute : Attribute;

/// <summary>The <c>ExportReadiness:AnonymousWrites</c> section: how many anonymous writes one client address may make per window.</summary>
public sealed class AnonymousWriteLimitOptions
{
    public const string Section = "ExportReadiness:AnonymousWrites";

    /// <summary>Enough for a workshop of companies behind one address filling in the form together; far below a flood.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Anonymous writes per client address (after the forwarded headers, <see cref="FrontEnd"/>): a fixed window of
/// <see cref="AnonymousWriteLimitOptions.PermitLimit"/>, then 429 problem details with <c>Retry-After</c> until it ends,
/// before the handler reads anything. Other clients are not affected. Counted per instance, as the wrong-key limit.
/// </summary>
public sealed class AnonymousWriteLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _writes;
    private readonly TimeSpan _window;

    public AnonymousWriteLimit(IOptions<AnonymousWriteLimitOptions> options)
    {
        var limit = options.Value;
        _window = limit.Window;
        _writes = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    /// <summary>Null when the client may write; otherwise the 429 answer, its Retry-After already set.</summary>
    public IResult? Refusal(HttpContext context)
    {
        using var lease = _writes.AttemptAcquire(FrontEnd.ClientAddress(context));
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
        context.Response.Headers.RetryAfter = KeyAttemptLimiter.RetryAfterSeconds(wait);
        return Problems.Status(StatusCodes.Status429TooManyRequests, Messages.TooManyWrites, Messages.WaitRetryAfter, ApiMessages.Of(context.Request));
    }

    public void Dispose() => _writes.Dispose();
}
