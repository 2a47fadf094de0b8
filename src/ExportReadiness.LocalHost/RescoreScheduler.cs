using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Rescoring;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost;

/// <summary>The local host's stand-in for the NightlyRescore timer trigger, on the schedule in <c>ExportReadiness__RescoreSchedule</c>.</summary>
public sealed class RescoreScheduler(RescoreJob job, TimeProvider clock, IOptions<ExportReadinessOptions> options, ILogger<RescoreScheduler> logger)
    : TimerTriggerWorker(clock, logger)
{
    protected override string Name => LocalTriggers.NightlyRescore;

    protected override string Schedule => options.Value.RescoreSchedule;

    protected override async Task<bool> RunAsync(CancellationToken stoppingToken) => await job.RunAsync("schedule", stoppingToken) is not null;
}
