using ExportReadiness.Application.Privacy;

namespace ExportReadiness.LocalHost;

/// <summary>The local host's stand-in for the EraseExpired timer trigger: nightly.</summary>
public sealed class RetentionScheduler(RetentionJob retention, TimeProvider clock, ILogger<RetentionScheduler> logger)
    : TimerTriggerWorker(clock, logger)
{
    protected override string Name => LocalTriggers.EraseExpired;

    protected override string Schedule => RetentionJob.Schedule;

    protected override async Task<bool> RunAsync(CancellationToken stoppingToken) => await retention.RunAsync(stoppingToken) is not null;
}
