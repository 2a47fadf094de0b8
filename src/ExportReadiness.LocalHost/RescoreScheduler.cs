using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Rescoring;
using Microsoft.Extensions.Options;
using NCrontab;

namespace ExportReadiness.LocalHost;

/// <summary>
/// The local host's stand-in for the NightlyRescore timer trigger: fires on the same NCRONTAB schedule (UTC, as
/// the Functions host does without WEBSITE_TIME_ZONE). If another instance holds the run lock, this one skips.
/// </summary>
public sealed partial class RescoreScheduler(
    RescoreJob job, TimeProvider clock, IOptions<ExportReadinessOptions> options, ILogger<RescoreScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(options.Value.RescoreSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            LogNext(next);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                var run = await job.RunAsync("schedule", stoppingToken);
                if (run is null) LogSkipped();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next scheduled rescore at {NextRun:u}")]
    private partial void LogNext(DateTimeOffset nextRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled rescore skipped: another instance is running one")]
    private partial void LogSkipped();

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled rescore failed")]
    private partial void LogFailed(Exception exception);
}
