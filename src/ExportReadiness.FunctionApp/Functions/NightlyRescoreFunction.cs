using ExportReadiness.Application.Rescoring;
using Microsoft.Extensions.Logging;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>
/// The nightly retrain + re-score, on the NCRONTAB schedule in the <c>ExportReadiness__RescoreSchedule</c> app
/// setting (UTC): trains, then queues the re-scoring's parts for every instance (<see cref="RescorePartFunction"/>) and
/// returns. A timer is not retried: a run that fails is resumed by the next one.
/// </summary>
public sealed partial class NightlyRescoreFunction(RescoreJob job, ILogger<NightlyRescoreFunction> logger)
{
    public const string ScheduleSetting = "%ExportReadiness__RescoreSchedule%";

    [Function(nameof(NightlyRescore))]
    public async Task NightlyRescore([TimerTrigger(ScheduleSetting)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await job.RunAsync("timer", cancellationToken);
        if (run is null) LogSkipped();
        else LogQueued(run.Id, run.Decision, run.PartsTotal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NightlyRescore skipped: another instance is running one, or its parts are outstanding")]
    private partial void LogSkipped();

    [LoggerMessage(Level = LogLevel.Information, Message = "NightlyRescore run {RunId}: {Decision}, {Parts} parts queued")]
    private partial void LogQueued(string runId, string? decision, int parts);
}
