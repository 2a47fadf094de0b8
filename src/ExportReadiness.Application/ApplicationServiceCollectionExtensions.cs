using Microsoft.Extensions.Options;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Assets;
using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Health;
using ExportReadiness.Application.Learning;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Application.Questionnaire;
using ExportReadiness.Application.Reports;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Application.Reviews;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Application.Validation;
using ExportReadiness.Core;
using ExportReadiness.Core.Validation;
using ExportReadiness.Storage;

namespace ExportReadiness.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Everything either host needs, the same for both: options, core logic, storage adapters, the model,
    /// every handler, and advisor access (authentication, sessions, antiforgery, key-attempt limits). A host adds only its bindings (trigger attributes in the
    /// Function App; routes and queue/timer drivers in the local host).
    /// </summary>
    public static IHostApplicationBuilder AddExportReadiness(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExportReadinessOptions>().BindConfiguration(ExportReadinessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<QueueTriggerOptions>().BindConfiguration(QueueTriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LoadSheddingOptions>().BindConfiguration(LoadSheddingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AnonymousWriteLimitOptions>().BindConfiguration(AnonymousWriteLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AnonymousWriteLimit>();
        builder.Services.AddOptions<FrontEndOptions>().BindConfiguration(FrontEndOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<IOptions<ExportReadinessOptions>, IOptions<FrontEndOptions>>(FrontEnd.Configure);
        builder.Services.AddSingleton(FrontEnd.Middleware);
        builder.Services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddExportReadinessCore();
        builder.Services.AddOutcomeValidation();
        builder.AddExportReadinessStorage();

        builder.Services.AddTexts();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ExportReadinessMetrics>();
        builder.Services.AddSingleton<QueueDeliveryTelemetry>();
        builder.Services.AddSingleton<LoadShedding>();
        builder.Services.AddSingleton<RequestLog>();

        builder.AddAdvisorAccess();

        builder.Services.AddSingleton<CurrentModel>();
        builder.Services.AddHostedService<ModelBootstrapper>();
        // The support-programme catalogue (bundled + the advisors' extension), cached per instance.
        builder.Services.AddSingleton<ProgrammeCatalogueProvider>();
        builder.Services.AddSingleton<ProgrammeOffers>();
        builder.Services.AddSingleton<CohortProgrammes>();
        builder.Services.AddFunnel();

        // Handlers: written once, bound by each host.
        builder.Services.AddSingleton<ScoreAssessmentHandler>();
        builder.Services.AddSingleton<IngestBatchHandler>();
        builder.Services.AddSingleton<RealLabelReader>();
        builder.Services.AddSingleton<RescoreJob>();
        builder.Services.AddSingleton<RescoreFanOut>();
        builder.Services.AddSingleton<RescoreCompletion>();
        builder.Services.AddSingleton<RescorePartHandler>();
        builder.Services.AddSingleton<PendingSweeper>();
        builder.Services.AddSingleton<ExportReadiness.Application.Reports.ReportReconciler>();
        builder.Services.AddSingleton<AssessmentHandlers>();
        builder.Services.AddSingleton<ReviewHandlers>();
        builder.Services.AddSingleton<BatchHandlers>();
        builder.Services.AddSingleton<ReportHandlers>();
        builder.Services.AddSingleton<DestinationReportHandlers>();
        builder.Services.AddSingleton<RescoreHandlers>();
        builder.Services.AddSingleton<HealthHandler>();
        builder.Services.AddSingleton<SmePages>();
        builder.Services.AddSingleton<AdvisorPages>();
        builder.Services.AddSingleton<DestinationReportPage>();
        builder.Services.AddSingleton<AdvisorSignIn>();
        builder.Services.AddSingleton<AssetHandler>();
        builder.Services.AddSingleton<QuestionnaireHandler>();
        builder.Services.AddSingleton<AssessmentAccess>();
        builder.Services.AddSingleton<ValidationHandler>();
        builder.Services.AddSingleton<OutcomeSetHandlers>();
        builder.Services.AddSingleton<ModelCardReader>();
        builder.Services.AddSingleton<ModelCardHandlers>();
        builder.Services.AddSingleton<ModelCardPage>();
        builder.Services.AddSingleton<ProgrammeHandlers>();
        builder.Services.AddSingleton<ActionPlanner>();
        builder.Services.AddSingleton<ActionPlanHandlers>();
        builder.Services.AddSingleton<ActionPlanForms>();
        builder.Services.AddSingleton<PageForms>();
        builder.AddPrivacy();
        return builder;
    }
}
