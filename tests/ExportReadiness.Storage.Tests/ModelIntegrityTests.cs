using ExportReadiness.Core.Scoring;
using ExportReadiness.Storage.Models;
using ExportReadiness.Testing;

namespace ExportReadiness.Storage.Tests;

/// <summary>A model's SHA-256 is recorded when it is published and checked whenever it is loaded.</summary>
[Collection(StorageCollection.Name)]
public sealed class ModelIntegrityTests(StorageFixture storage)
{
    [Fact]
    public async Task A_model_file_changed_after_its_publish_is_refused_at_load_and_the_published_one_loads()
    {
        var repository = new BlobModelRepository(storage.Clients);
        var trained = TrainedOnce.Bundled with { Metrics = TrainedOnce.Bundled.Metrics with { Version = $"integrity-{Guid.NewGuid():N}" } };
        var version = trained.Metrics.Version;
        await repository.PublishAsync(trained, default);
        Assert.Equal(version, (await repository.LoadAsync(version, TrainedOnce.Encoder.FeatureCount, default)).Version);

        // The file overwritten after its publish: here the published bytes with one more at the end.
        var blob = storage.Clients.Container(StorageNames.ModelsContainer).GetBlobClient($"{version}/model.zip");
        var published = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        await blob.UploadAsync(BinaryData.FromBytes([.. published, 0]), overwrite: true);

        var refused = await Assert.ThrowsAsync<ModelIntegrityException>(() => repository.LoadAsync(version, TrainedOnce.Encoder.FeatureCount, default));
        Assert.Equal(version, refused.Version);

        // Put back as published, it loads again.
        await blob.UploadAsync(BinaryData.FromBytes(published), overwrite: true);
        Assert.Equal(version, (await repository.LoadAsync(version, TrainedOnce.Encoder.FeatureCount, default)).Version);
    }
}
