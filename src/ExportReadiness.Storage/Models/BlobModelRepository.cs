using System.Text.Json;
using Azure;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Storage.Models;

/// <summary>
/// <c>models/{version}/model.zip</c>, <c>models/{version}/metrics.json</c> and a <c>models/current</c> blob
/// holding the version in use. The pointer is written last, so an instance never reads a half-published model.
/// It also records the model file's SHA-256 (metadata <see cref="HashMetadata"/>, beside <see cref="VersionMetadata"/>),
/// so a <c>model.zip</c> changed after its publish (overwritten, corrupted, swapped) is refused at load
/// (<see cref="ModelIntegrityException"/>). A pointer without a hash, written before hashes were recorded, loads as before.
/// </summary>
public sealed class BlobModelRepository(StorageClients clients) : IModelRepository
{
    private const string CurrentPointer = "current";
    public const string HashMetadata = "sha256";
    public const string VersionMetadata = "version";
    private readonly BlobContainerClient _container = clients.Container(StorageNames.ModelsContainer);

    public async Task<string?> GetCurrentVersionAsync(CancellationToken cancellationToken)
    {
        var text = await ReadTextAsync(CurrentPointer, cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public async Task<ReadinessModel> LoadAsync(string version, int featureCount, CancellationToken cancellationToken)
    {
        var download = await _container.GetBlobClient($"{version}/model.zip").DownloadContentAsync(cancellationToken);
        var content = download.Value.Content.ToMemory();
        var found = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        if (await RecordedHashAsync(version, cancellationToken) is { } recorded && !string.Equals(recorded, found, StringComparison.OrdinalIgnoreCase))
            throw new ModelIntegrityException(version, recorded, found);
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
        string hash;
        using (var zip = new MemoryStream())
        {
            trained.Model.Save(zip);
            hash = Convert.ToHexStringLower(SHA256.HashData(zip.GetBuffer().AsSpan(0, (int)zip.Length)));
            zip.Position = 0;
            await _container.GetBlobClient($"{version}/model.zip").UploadAsync(zip, overwrite: true, cancellationToken);
        }
        await _container.GetBlobClient($"{version}/metrics.json").UploadAsync(
            BinaryData.FromObjectAsJson(trained.Metrics, MetricsJson), overwrite: true, cancellationToken);
        await _container.GetBlobClient(CurrentPointer).UploadAsync(BinaryData.FromString(version), new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string> { [VersionMetadata] = version, [HashMetadata] = hash },
        }, cancellationToken);
    }

    /// <summary>The SHA-256 the pointer recorded for <paramref name="version"/>; null when it records none for it.</summary>
    private async Task<string?> RecordedHashAsync(string version, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = (await _container.GetBlobClient(CurrentPointer).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
            return metadata.TryGetValue(VersionMetadata, out var recordedFor) && recordedFor == version && metadata.TryGetValue(HashMetadata, out var hash) ? hash : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
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
