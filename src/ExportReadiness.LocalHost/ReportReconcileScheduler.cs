using ExportReadiness.Application.Reports;

namespace ExportReadiness.LocalHost;

/// <summary>The local host's stand-in for the ReconcileReports timer trigger: nightly.</summary>
public sealed class ReportReconcileScheduler(ReportReconciler reconciler, TimeProvider clock, ILogger<ReportReconcileScheduler> logger)
    : TimerTriggerWorker(clock, logger)
{
    protected override string Name => LocalTriggers.ReconcileReports;

    protected override string Schedule => ReportReconciler.Schedule;

    protected override async Task<bool> RunAsync(CancellationToken stoppingToken) => await reconciler.RunAsync(stoppingToken) is not null;
}
