using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ExportReadiness.Core.Programmes;

namespace ExportReadiness.Storage.Programmes;

/// <summary>
/// The advisors' catalogue extension as one blob, <c>programmes/extension.json</c>: a document of a few dozen entries
/// that is read whole and replaced whole, so a blob (not a table row per entry) keeps it as the advisor wrote it.
/// </summary>
public sealed class BlobProgrammeExtensionStore(StorageClients clients) : IProgrammeExtensionStore
{
    private readonly BlobContainerClient _container = clients.Container(StorageNames.ProgrammesContainer);

    public async Task<StoredExtension?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(StorageNames.ProgrammeExtensionBlob).DownloadContentAsync(cancellationToken);
            return new StoredExtension(download.Value.Content.ToMemory(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container or no blob yet: no advisor has extended the catalogue.
            return null;
        }
    }

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(StorageNames.ProgrammeExtensionBlob);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        try
        {
            return (await blob.UploadAsync(BinaryData.FromBytes(json), options, cancellationToken)).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // A storage account the app has not prepared yet (the bootstrapper creates containers at start).
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return (await blob.UploadAsync(BinaryData.FromBytes(json), options, cancellationToken)).Value.ETag.ToString();
        }
    }
}
