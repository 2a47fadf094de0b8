using NCrontab;

namespace ExportReadiness.LocalHost;

/// <summary>
/// The local host's stand-in for a timer trigger: fires a job on a six-field NCRONTAB schedule, in UTC as the
/// Functions host does without WEBSITE_TIME_ZONE. A failed run is not retried; the next occurrence runs again.
/// </summary>
public abstract partial class TimerTriggerWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The function's name, for the log.</summary>
    protected abstract string Name { get; }

    protected abstract string Schedule { get; }

    /// <summary>One occurrence; false when it was skipped because another instance is running the job.</summary>
    protected abstract Task<bool> RunAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            LogNext(Name, next);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                if (!await RunAsync(stoppingToken)) LogSkipped(Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogFailed(Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function}: next run at {NextRun:u}")]
    private partial void LogNext(string function, DateTimeOffset nextRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} skipped: another instance is running it")]
    private partial void LogSkipped(string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed")]
    private partial void LogFailed(string function, Exception exception);
}
