using System.Net.Http.Json;
using System.Text.Json;
using ExportReadiness.Storage;
using ExportReadiness.Storage.Models;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// A published model whose file was changed afterwards is never scored with: the instance keeps the model it had,
/// logs the refusal and its health says so. Its own Azurite, since it publishes over the current model.
/// </summary>
public sealed class ModelIntegrityTests : IAsyncLifetime
{
    private readonly Azurite _azurite = new();

    public Task InitializeAsync() => _azurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_model_changed_after_its_publish_is_refused_the_previous_one_keeps_scoring_and_health_says_so()
    {
        await using var app = await ExportReadinessApplication.StartAsync(_azurite.ConnectionString);
        var current = app.Services.GetRequiredService<CurrentModel>();
        var previous = (await current.GetAsync(default)).Version;
        var tampered = TrainedOnce.Bundled with { Metrics = TrainedOnce.Bundled.Metrics with { Version = $"tampered-{Guid.NewGuid():N}" } };
        await new BlobModelRepository(app.Storage).PublishAsync(tampered, default);
        var blob = app.Storage.Container(StorageNames.ModelsContainer).GetBlobClient($"{tampered.Metrics.Version}/model.zip");
        await blob.UploadAsync(BinaryData.FromBytes([.. (await blob.DownloadContentAsync()).Value.Content.ToArray(), 0]), overwrite: true);

        var model = await current.GetAsync(default, refresh: true);

        Assert.Equal(previous, model.Version);
        Assert.Equal(tampered.Metrics.Version, current.Refused);
        var health = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal(previous, health.GetProperty("modelVersion").GetString());
        Assert.Equal(tampered.Metrics.Version, health.GetProperty("modelRefused").GetString());
    }
}
