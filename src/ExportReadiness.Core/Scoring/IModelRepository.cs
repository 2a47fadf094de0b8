namespace ExportReadiness.Core.Scoring;

/// <summary>Versioned models with their metrics, and the pointer to the one in use.</summary>
public interface IModelRepository
{
    Task<string?> GetCurrentVersionAsync(CancellationToken cancellationToken);

    Task<ReadinessModel> LoadAsync(string version, int featureCount, CancellationToken cancellationToken);

    Task<ModelMetrics?> GetMetricsAsync(string version, CancellationToken cancellationToken);

    /// <summary>Stores the model and its metrics under its version, then points <c>current</c> at it.</summary>
    Task PublishAsync(TrainedModel trained, CancellationToken cancellationToken);
}
