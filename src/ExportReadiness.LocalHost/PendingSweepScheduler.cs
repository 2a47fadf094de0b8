using ExportReadiness.Application.Scoring;

namespace ExportReadiness.LocalHost;

/// <summary>The local host's stand-in for the SweepPending timer trigger: every minute.</summary>
public sealed class PendingSweepScheduler(PendingSweeper sweeper, TimeProvider clock, ILogger<PendingSweepScheduler> logger)
    : TimerTriggerWorker(clock, logger)
{
    protected override string Name => LocalTriggers.SweepPending;

    protected override string Schedule => PendingSweeper.Schedule;

    protected override async Task<bool> RunAsync(CancellationToken stoppingToken) => await sweeper.RunAsync(stoppingToken) is not null;
}
