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
    /// queues, fire the rescore schedule and sweep Pending assessments every minute. Off with <c>ExportReadiness__Standalone=false</c> (a web-only instance).
    /// </summary>
    public static IHostApplicationBuilder AddLocalTriggers(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue($"{ExportReadinessOptions.Section}:{nameof(ExportReadinessOptions.Standalone)}", true)) return builder;
        // Plain AddSingleton: AddHostedService would keep only the first of two workers of the same type.
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<ScoreAssessmentHandler>()));
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<IngestBatchHandler>()));
        builder.Services.AddHostedService<RescoreScheduler>();
        builder.Services.AddHostedService<PendingSweepScheduler>();
        return builder;
    }
}
