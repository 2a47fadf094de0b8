using System.Collections.Concurrent;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IModelRepository"/> in memory. It keeps the published model itself rather than its zip, so a model trained
/// once serves every test that publishes it; a load asking for another feature count is refused as
/// <see cref="ReadinessModel"/> refuses a model of another questionnaire.
/// </summary>
public sealed class InMemoryModelRepository : IModelRepository
{
    private readonly ConcurrentDictionary<string, TrainedModel> _versions = new(StringComparer.Ordinal);
    private string? _current;

    /// <summary>Every version published, in no particular order.</summary>
    public IReadOnlyCollection<string> Versions => _versions.Keys.ToList();

    public Task<string?> GetCurrentVersionAsync(CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () => Volatile.Read(ref _current));

    public Task<ReadinessModel> LoadAsync(string version, int featureCount, CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () =>
    {
        if (!_versions.TryGetValue(version, out var trained)) throw new FileNotFoundException($"No model {version} is published.");
        return trained.Model.FeatureCount == featureCount
            ? trained.Model
            : throw new InvalidDataException($"Model {version} has {trained.Model.FeatureCount} weights, not {featureCount}.");
    });

    public Task<ModelMetrics?> GetMetricsAsync(string version, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _versions.TryGetValue(version, out var trained) ? trained.Metrics : null);

    /// <summary>The model under its version, then the pointer: as the blobs are written, the pointer last.</summary>
    public Task PublishAsync(TrainedModel trained, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        _versions[trained.Metrics.Version] = trained;
        Volatile.Write(ref _current, trained.Metrics.Version);
    });
}
