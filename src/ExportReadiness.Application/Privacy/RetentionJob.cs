using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Training;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Privacy;

/// <summary>What a retention run did: the cut-off it applied and the products it erased (each with its erasure record).</summary>
public sealed record RetentionReport(DateTimeOffset InactiveBefore, IReadOnlyList<string> Erased, int AccessLogEntriesExpired = 0);

/// <summary>
/// EraseExpired, nightly in both hosts: erases every product whose last activity is older than
/// <see cref="RetentionOptions.YearsAfterLastActivity"/>, recording each erasure with the reason <c>retention</c>. One run at a
/// time across instances (a blob lease); a run stopped half-way leaves erasure records the next run (or a replay) completes.
/// Finding the inactive products reads the assessments, stage moves and action plans once (a scan; see docs/privacy.md).
/// </summary>
public sealed partial class RetentionJob(
    IDistributedLock locks, IProductErasure erasure, IOptions<RetentionOptions> options, TimeProvider clock, IAccessLog accessLog, AccessLogExpiry accessLogExpiry, ILogger<RetentionJob> logger)
{
    public const string LockName = "retention";

    /// <summary>03:00 UTC every night (six-field NCRONTAB): after the nightly re-score and the reports' reconcile.</summary>
    public const string Schedule = "0 0 3 * * *";

    /// <summary>Runs once; null when another instance is running it.</summary>
    public async Task<RetentionReport?> RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(LockName, cancellationToken);
        if (held is null) return null;
        var before = clock.GetUtcNow().AddYears(-options.Value.YearsAfterLastActivity);
        // Listed first, erased after: an erasure changes the tables the listing reads.
        var expired = new List<string>();
        await foreach (var productId in erasure.InactiveSinceAsync(before, cancellationToken)) expired.Add(productId);
        foreach (var productId in expired)
        {
            await accessLog.RecordAsync(new ProductAccess(clock.GetUtcNow(), productId, ProductAccess.Retention, AccessKind.Erase, nameof(RetentionJob)), cancellationToken);
            await erasure.EraseAsync(productId, ErasureRequest.ByRetention, cancellationToken);
        }
        LogRetention(expired.Count, before);
        // The access log on its own clock: whole months past its retention go, whatever happened to the products.
        var accessLogExpired = await accessLogExpiry.ExpireAsync(cancellationToken);
        return new RetentionReport(before, expired, accessLogExpired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Products} products inactive since before {Before:u} erased")]
    private partial void LogRetention(int products, DateTimeOffset before);
}
