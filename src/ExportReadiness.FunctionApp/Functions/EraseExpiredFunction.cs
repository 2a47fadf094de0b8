using ExportReadiness.Application.Privacy;
using Microsoft.Extensions.Logging;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Nightly, erases the products past the retention limit (see <see cref="RetentionJob"/>). A timer is not retried; the next night's run finds what this one left.</summary>
public sealed partial class EraseExpiredFunction(RetentionJob retention, ILogger<EraseExpiredFunction> logger)
{
    [Function(nameof(EraseExpired))]
    public async Task EraseExpired([TimerTrigger(RetentionJob.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (await retention.RunAsync(cancellationToken) is null) LogSkipped();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "EraseExpired skipped: another instance is running it")]
    private partial void LogSkipped();
}
