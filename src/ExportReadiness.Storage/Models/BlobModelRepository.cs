using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Storage.Models;

/// <summary>
/// <c>models/{version}/model.zip</c>, <c>models/{version}/metrics.json</c> and a <c>models/current</c> blob
/// holding the version in use. The pointer is written last, so an instance never reads a half-published model.
/// </summary>
public sealed class BlobModelRepository(StorageClients clients) : IModelRepository
{
    private const string CurrentPointer = "current";
    private readonly BlobContainerClient _container = clients.Container(StorageNames.ModelsContainer);

    public async Task<string?> GetCurrentVersionAsync(CancellationToken cancellationToken)
    {
        var text = await ReadTextAsync(CurrentPointer, cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public async Task<ReadinessModel> LoadAsync(string version, int featureCount, CancellationToken cancellationToken)
    {
        var download = await _container.GetBlobClient($"{version}/model.zip").DownloadContentAsync(cancellationToken);
        using var stream = download.Value.Content.ToStream();
        return ReadinessModel.Load(stream, featureCount, version);
    }

    public async Task<ModelMetrics?> GetMetricsAsync(string version, CancellationToken cancellationToken)
    {
        var text = await ReadTextAsync($"{version}/metrics.json", cancellationToken);
        return text is null ? null : JsonSerializer.Deserialize<ModelMetrics>(text, QuestionnaireSchema.JsonOptions);
    }

    public async Task PublishAsync(TrainedModel trained, CancellationToken cancellationToken)
    {
        var version = trained.Metrics.Version;
        using (var zip = new MemoryStream())
        {
            trained.Model.Save(zip);
            zip.Position = 0;
            await _container.GetBlobClient($"{version}/model.zip").UploadAsync(zip, overwrite: true, cancellationToken);
        }
        await _container.GetBlobClient($"{version}/metrics.json").UploadAsync(
            BinaryData.FromObjectAsJson(trained.Metrics, MetricsJson), overwrite: true, cancellationToken);
        await _container.GetBlobClient(CurrentPointer).UploadAsync(BinaryData.FromString(version), overwrite: true, cancellationToken);
    }

    private static readonly JsonSerializerOptions MetricsJson = new(QuestionnaireSchema.JsonOptions) { WriteIndented = true };

    private async Task<string?> ReadTextAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
