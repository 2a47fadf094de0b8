using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Scoring;

/// <summary>
/// On a storage account without a model (a fresh local run, a new deployment), trains one from the bundled
/// synthetic set and publishes it, so the pipeline scores from the first submission on.
/// </summary>
public sealed partial class ModelBootstrapper(
    StorageClients storage,
    IModelRepository models,
    IDistributedLock locks,
    FeatureEncoder encoder,
    CurrentModel current,
    TimeProvider clock,
    IOptions<ExportReadinessOptions> options,
    ILogger<ModelBootstrapper> logger) : BackgroundService
{
    public const string LockName = "bootstrap-model";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StorageClients.RetryWhileUnavailableAsync(() => BootstrapAsync(stoppingToken), logger, stoppingToken);

    private async Task BootstrapAsync(CancellationToken stoppingToken)
    {
        await storage.EnsureCreatedAsync(stoppingToken);
        if (options.Value.BootstrapModel && await NeedsModelAsync(stoppingToken))
        {
            // Several instances starting on an empty account: one trains, the others wait for its model.
            await using var held = await locks.TryAcquireAsync(LockName, stoppingToken);
            if (held is not null && await NeedsModelAsync(stoppingToken))
            {
                LogTraining();
                // Training is CPU-bound for seconds; keep it off the thread that starts the host.
                var trained = await Task.Run(() => SyntheticPrior.Train(encoder, clock.GetUtcNow()), stoppingToken);
                await models.PublishAsync(trained, stoppingToken);
                LogPublished(trained.Metrics.Version, trained.Metrics.Model.Auc, trained.Metrics.Rubric.Auc);
            }
        }
        try
        {
            await current.GetAsync(stoppingToken, refresh: true);
        }
        catch (ModelUnavailableException)
        {
            LogNoModel();
        }
    }

    /// <summary>
    /// No model is published, or the published one cannot score this questionnaire (a model of an earlier feature
    /// layout or learner, after an upgrade): either way the bundled set trains one that can.
    /// </summary>
    private async Task<bool> NeedsModelAsync(CancellationToken cancellationToken)
    {
        if (await models.GetCurrentVersionAsync(cancellationToken) is not { } version) return true;
        try
        {
            await models.LoadAsync(version, encoder.FeatureCount, cancellationToken);
            return false;
        }
        catch (InvalidDataException e)
        {
            LogIncompatible(version, e.Message);
            return true;
        }
        catch (ModelIntegrityException)
        {
            // Not trained over: a changed model file is for an operator to look into. CurrentModel refuses it and says so.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The published model {ModelVersion} cannot score this questionnaire ({Reason}); a new one is trained")]
    private partial void LogIncompatible(string modelVersion, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No published model; training one from the bundled synthetic set")]
    private partial void LogTraining();

    [LoggerMessage(Level = LogLevel.Information, Message = "Published model {ModelVersion}: held-out AUC {Auc:F3} (rubric {RubricAuc:F3})")]
    private partial void LogPublished(string modelVersion, double auc, double rubricAuc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No model is published yet (bootstrapping is off or another instance is training); scoring waits for one")]
    private partial void LogNoModel();
}
