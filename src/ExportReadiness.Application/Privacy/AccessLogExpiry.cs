using ExportReadiness.Core.Privacy;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Privacy;

/// <summary>Deletes the access log's months older than its retention; run by the nightly retention timer.</summary>
public sealed partial class AccessLogExpiry(IAccessLog log, IOptions<AccessLogOptions> options, TimeProvider clock, ILogger<AccessLogExpiry> logger)
{
    /// <summary>The first day kept: the first of the month <c>RetentionMonths</c> before this one.</summary>
    public DateTimeOffset KeptSince => ProductAccess.MonthOf(clock.GetUtcNow()).AddMonths(-options.Value.RetentionMonths);

    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var keptSince = KeptSince;
        var deleted = await log.ExpireBeforeAsync(keptSince, cancellationToken);
        Expired(logger, deleted, keptSince);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access log: deleted {Deleted} entries from before {KeptSince:yyyy-MM}")]
    private static partial void Expired(ILogger logger, int deleted, DateTimeOffset keptSince);
}
