using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Application.Scoring;

namespace ExportReadiness.LocalHost;

public static class LocalTriggers
{
    /// <summary>Where the Functions host listens locally, and so where this host does too.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// What the Functions host does for the Function App, done in this process: poll the scoring and batch
    /// queues and the rescore run's parts, fire the rescore schedule, sweep Pending assessments every minute, reconcile the report tallies and erase expired products nightly. Off with <c>ExportReadiness__Standalone=false</c> (a web-only instance).
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
        if (Enabled(RescorePart))
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<RescorePartHandler>(),
                Microsoft.Extensions.Options.Options.Create(FewAtATime(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<QueueTriggerOptions>>().Value))));
        if (Enabled(NightlyRescore)) builder.Services.AddHostedService<RescoreScheduler>();
        if (Enabled(SweepPending)) builder.Services.AddHostedService<PendingSweepScheduler>();
        if (Enabled(ReconcileReports)) builder.Services.AddHostedService<ReportReconcileScheduler>();
        if (Enabled(EraseExpired)) builder.Services.AddHostedService<RetentionScheduler>();
        return builder;
    }

    /// <summary>
    /// A rescore part is minutes of work: an instance takes two at a time (and the next when one is done), so the parts of
    /// a run spread over every instance instead of the first to poll holding a whole batch of them.
    /// </summary>
    private static QueueTriggerOptions FewAtATime(QueueTriggerOptions o) => new()
    {
        BatchSize = 2, NewBatchThreshold = 1, MaxDequeueCount = o.MaxDequeueCount, VisibilityTimeout = o.VisibilityTimeout,
        MaxPollingInterval = o.MaxPollingInterval, ProcessingLease = o.ProcessingLease, ProcessingLeaseRenewal = o.ProcessingLeaseRenewal,
    };

    /// <summary>The Function App's function names, which the settings below name too.</summary>
    public const string ScoreAssessment = "ScoreAssessment", IngestBatch = "IngestBatch", RescorePart = "RescorePart", NightlyRescore = "NightlyRescore",
        SweepPending = "SweepPending", ReconcileReports = "ReconcileReports", EraseExpired = "EraseExpired";

    /// <summary>
    /// The Functions host's own switch, <c>AzureWebJobs.{function}.Disabled</c> (<c>AzureWebJobs__{function}__Disabled</c>
    /// in the environment): a function so disabled is not triggered, by the Functions host on Azure or by this host.
    /// </summary>
    public static bool IsDisabled(IConfiguration configuration, string function) =>
        configuration.GetValue($"AzureWebJobs:{function}:Disabled", false) || configuration.GetValue($"AzureWebJobs.{function}.Disabled", false);
}
