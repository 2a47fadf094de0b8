using ExportReadiness.Storage;
using ExportReadiness.Storage.Models;

namespace ExportReadiness.Testing;

/// <summary>A test's storage as a deployment that has published the bundled model already: apps started on it load it instead of training.</summary>
public static class SeededModel
{
    /// <summary>Publishes <see cref="TrainedOnce.Bundled"/> unless a model is published; returns the version in use.</summary>
    public static async Task<string> PublishAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var storage = new StorageClients(connectionString);
        await storage.EnsureCreatedAsync(cancellationToken);
        var models = new BlobModelRepository(storage);
        if (await models.GetCurrentVersionAsync(cancellationToken) is { } version) return version;
        await models.PublishAsync(TrainedOnce.Bundled, cancellationToken);
        return TrainedOnce.Bundled.Metrics.Version;
    }
}
