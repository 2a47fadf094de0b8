using ExportReadiness.Core;
using ExportReadiness.Functions.Batches;
using ExportReadiness.Functions.Queues;
using ExportReadiness.Functions.Rescoring;
using ExportReadiness.Functions.Scoring;
using ExportReadiness.Storage;

namespace ExportReadiness.Functions.Hosting;

public static class FunctionsServiceCollectionExtensions
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// Everything the handler needs: options, core logic, storage adapters, scoring, and, in standalone
    /// mode only, the queue worker that stands in for the Functions host.
    /// </summary>
    public static WebApplicationBuilder AddExportReadiness(this WebApplicationBuilder builder)
    {
        var underFunctionsHost = !string.IsNullOrEmpty(builder.Configuration[CustomHandlerPortVariable]);
        ConfigureListening(builder, underFunctionsHost);

        builder.Services.AddOptions<ExportReadinessOptions>()
            .BindConfiguration(ExportReadinessOptions.Section)
            // Under the Functions host the host drives queues and timers; running our own too would double-handle.
            .Configure(o => { if (underFunctionsHost && builder.Configuration[$"{ExportReadinessOptions.Section}:Standalone"] is null) o.Standalone = false; })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<QueueTriggerOptions>().BindConfiguration(QueueTriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddExportReadinessCore();
        builder.AddExportReadinessStorage();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<AdvisorAccess>();
        builder.Services.AddSingleton<CurrentModel>();
        builder.Services.AddSingleton<ScoreAssessmentHandler>();
        builder.Services.AddSingleton<RescoreJob>();
        builder.Services.AddSingleton<IngestBatchHandler>();
        builder.Services.AddHostedService<ModelBootstrapper>();

        var standalone = builder.Configuration.GetValue($"{ExportReadinessOptions.Section}:Standalone", !underFunctionsHost);
        if (standalone)
        {
            // Plain AddSingleton: AddHostedService would keep only the first of two workers of the same type.
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<ScoreAssessmentHandler>()));
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerWorker>(sp, sp.GetRequiredService<IngestBatchHandler>()));
            builder.Services.AddHostedService<RescoreScheduler>();
        }
        return builder;
    }

    private static void ConfigureListening(WebApplicationBuilder builder, bool underFunctionsHost)
    {
        if (underFunctionsHost)
            builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration[CustomHandlerPortVariable]}");
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);
    }
}
