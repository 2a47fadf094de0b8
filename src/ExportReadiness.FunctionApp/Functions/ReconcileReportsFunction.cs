using ExportReadiness.Application.Reports;
using Microsoft.Extensions.Logging;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>
/// Nightly, recomputes the report tallies from the rows and repairs any difference (see <see cref="ReportReconciler"/>).
/// A timer is not retried; the next night's run reconciles what this one left busy.
/// </summary>
public sealed partial class ReconcileReportsFunction(ReportReconciler reconciler, ILogger<ReconcileReportsFunction> logger)
{
    [Function(nameof(ReconcileReports))]
    public async Task ReconcileReports([TimerTrigger(ReportReconciler.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (await reconciler.RunAsync(cancellationToken) is null) LogSkipped();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ReconcileReports skipped: another instance is reconciling")]
    private partial void LogSkipped();
}
