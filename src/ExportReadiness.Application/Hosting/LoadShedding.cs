using System.Threading.RateLimiting;
using ExportReadiness.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Above capacity, refuse early: a request beyond the concurrent ones waits in a bounded queue for at most
/// <see cref="LoadSheddingOptions.MaxQueueWait"/>, then gets 503 with <c>Retry-After</c>, before it has written
/// anything. Without this every request is taken, each waits longer, clients time out and leave rows they never
/// hear of. Probes and static assets are never shed: an orchestrator must not restart a busy instance.
/// Both hosts run every HTTP request through <see cref="RunAsync"/>.
/// </summary>
public sealed partial class LoadShedding : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly LoadSheddingOptions _options;
    private readonly ILogger<LoadShedding> _logger;
    private readonly ExportReadinessMetrics _metrics;
    private long _refused;

    public LoadShedding(IOptions<LoadSheddingOptions> options, ExportReadinessMetrics metrics, ILogger<LoadShedding> logger)
    {
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentRequests,
            QueueLimit = _options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Requests refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Requests that could start now without waiting.</summary>
    public long AvailablePermits => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    public async Task RunAsync(HttpContext context, Func<Task> next)
    {
        if (IsExempt(context.Request.Path))
        {
            await next();
            return;
        }
        using var lease = await AcquireAsync(context.RequestAborted);
        if (!lease.IsAcquired)
        {
            _metrics.Shed();
            if (Interlocked.Increment(ref _refused) % 100 == 1) LogShedding(Refused, _options.MaxConcurrentRequests, _options.MaxQueuedRequests);
            await Unavailable.For(context.Request, Unavailable.Reason.Overloaded, _options.RetryAfterSeconds).ExecuteAsync(context);
            return;
        }
        await next();
    }

    private async ValueTask<RateLimitLease> AcquireAsync(CancellationToken requestAborted)
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired || _options.MaxQueuedRequests == 0) return lease;
        lease.Dispose();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(_options.MaxQueueWait);
        try
        {
            return await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException)
        {
            return Refusal.Instance;
        }
    }

    public static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/" + Routes.Health, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => _limiter.Dispose();

    private sealed class Refusal : RateLimitLease
    {
        public static readonly Refusal Instance = new();
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Over capacity: {Refused} requests refused so far ({Concurrent} at once, {Queued} waiting)")]
    private partial void LogShedding(long refused, int concurrent, int queued);
}
