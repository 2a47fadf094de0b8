using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Storage.Models;
using ExportReadiness.Storage.Scoring;
using ExportReadiness.Storage.Reviews;
using ExportReadiness.Storage.Training;
using ExportReadiness.Storage.Batches;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Training;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Advisors;
using ExportReadiness.Storage.Advisors;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Storage.Funnel;
using ExportReadiness.Storage.Programmes;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Storage.ActionPlans;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Storage.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ExportReadiness.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure Storage adapters, all configured by the Functions host's own setting
    /// <c>AzureWebJobsStorage</c> (Azurite's development storage when it is not set).
    /// </summary>
    public static IHostApplicationBuilder AddExportReadinessStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(CreateClients(builder.Configuration));
        builder.Services.AddSingleton<IAssessmentStore, TableAssessmentStore>();
        builder.Services.AddSingleton<IProductIndex, TableProductIndex>();
        builder.Services.AddSingleton<ISubmissionArchive, BlobSubmissionArchive>();
        builder.Services.AddSingleton<IScoringQueue, StorageScoringQueue>();
        builder.Services.AddSingleton<IModelRepository, BlobModelRepository>();
        builder.Services.AddSingleton<IReviewStore, TableReviewStore>();
        builder.Services.AddSingleton<IStageMoveStore, TableStageMoveStore>();
        builder.Services.AddSingleton<IModelRunStore, TableModelRunStore>();
        builder.Services.AddSingleton<IRescorePartStore, TableRescorePartStore>();
        builder.Services.AddSingleton<IRescorePartQueue, StorageRescorePartQueue>();
        builder.Services.AddSingleton<IAssessmentRanges, TableAssessmentRanges>();
        builder.Services.AddSingleton<IOutcomeSetStore, StorageOutcomeSetStore>();
        builder.Services.AddSingleton<IDistributedLock, BlobLeaseLock>();
        builder.Services.AddSingleton<IBatchStore, StorageBatchStore>();
        builder.Services.AddSingleton<IBatchQueue, StorageBatchQueue>();
        builder.Services.AddSingleton<IAdvisorSessionStore, TableAdvisorSessionStore>();
        builder.Services.AddSingleton<IProgrammeExtensionStore, BlobProgrammeExtensionStore>();
        builder.Services.AddSingleton<IActionPlanStore, TableActionPlanStore>();
        builder.Services.AddSingleton<IAccessLog, TableAccessLog>();
        builder.Services.AddSingleton<Core.Privacy.IProductErasure, Privacy.StorageProductErasure>();
        return builder;
    }

    /// <summary>
    /// <c>AzureWebJobsStorage</c> as a connection string; else <c>AzureWebJobsStorage__accountName</c> with the
    /// managed identity (<c>AzureWebJobsStorage__clientId</c> picks a user-assigned one); else Azurite.
    /// </summary>
    public static StorageClients CreateClients(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var connectionString = configuration[StorageNames.ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connectionString)) return new StorageClients(connectionString);
        var accountName = configuration[$"{StorageNames.ConnectionSetting}:accountName"];
        if (string.IsNullOrWhiteSpace(accountName)) return new StorageClients(StorageNames.DevelopmentConnection);
        var clientId = configuration[$"{StorageNames.ConnectionSetting}:clientId"];
        return new StorageClients(accountName, string.IsNullOrWhiteSpace(clientId)
            ? new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.SystemAssigned)
            : new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(clientId)));
    }
}
