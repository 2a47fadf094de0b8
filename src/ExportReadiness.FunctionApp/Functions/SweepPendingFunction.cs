using ExportReadiness.Application.Scoring;
using Microsoft.Extensions.Logging;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>
/// Every minute, re-sends the scoring message of assessments left Pending (see <see cref="PendingSweeper"/>). A
/// fixed schedule rather than an app setting: the two-minute promise depends on it. A timer is not retried; the
/// next minute's run sweeps what this one missed.
/// </summary>
public sealed partial class SweepPendingFunction(PendingSweeper sweeper, ILogger<SweepPendingFunction> logger)
{
    [Function(nameof(SweepPending))]
    public async Task SweepPending([TimerTrigger(PendingSweeper.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (await sweeper.RunAsync(cancellationToken) is null) LogSkipped();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SweepPending skipped: another instance is sweeping")]
    private partial void LogSkipped();
}
