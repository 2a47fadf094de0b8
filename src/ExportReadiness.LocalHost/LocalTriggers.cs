using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;

namespace ExportReadiness.LocalHost;

public static class LocalTriggers
{
    /// <summary>Where the Functions host listens locally, and so where this host does too.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// What the Functions host does for the Function App, done in this process: poll the scoring and batch
    /// queues, fire the rescore schedule, sweep Pending assessments every minute and reconcile the report tallies nightly. Off with <c>ExportReadiness__Standalone=false</c> (a web-only instance).
    /// </summary>
    public static IHostApplicationBuilder AddLocalTriggers(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue($"{ExportReadinessOptions.Section}:{nameof(ExportReadinessOptions.Standalone)}", true)) return builder;
        bool Enabled(string function) => !IsDisabled(builder.Configuration, function);
        // Plain AddSingleton: AddHostedService would keep only the first of two workers of the same type.
        if (Enabled(ScoreAssessment))
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<ScoreAssessmentHandler>()));
        if (Enabled(IngestBatch))
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<IngestBatchHandler>()));
        if (Enabled(NightlyRescore)) builder.Services.AddHostedService<RescoreScheduler>();
        if (Enabled(SweepPending)) builder.Services.AddHostedService<PendingSweepScheduler>();
        if (Enabled(ReconcileReports)) builder.Services.AddHostedService<ReportReconcileScheduler>();
        return builder;
    }

    /// <summary>The Function App's function names, which the settings below name too.</summary>
    public const string ScoreAssessment = "ScoreAssessment", IngestBatch = "IngestBatch", NightlyRescore = "NightlyRescore", SweepPending = "SweepPending",
        ReconcileReports = "ReconcileReports";

    /// <summary>
    /// The Functions host's own switch, <c>AzureWebJobs.{function}.Disabled</c> (<c>AzureWebJobs__{function}__Disabled</c>
    /// in the environment): a function so disabled is not triggered, by the Functions host on Azure or by this host.
    /// </summary>
    public static bool IsDisabled(IConfiguration configuration, string function) =>
        configuration.GetValue($"AzureWebJobs:{function}:Disabled", false) || configuration.GetValue($"AzureWebJobs.{function}.Disabled", false);
}
