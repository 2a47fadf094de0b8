using Azure;
using Azure.Storage.Blobs.Models;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage.Assessments;

public sealed class BlobSubmissionArchive(StorageClients clients) : ISubmissionArchive
{
    private readonly Azure.Storage.Blobs.BlobContainerClient _container = clients.Container(StorageNames.SubmissionsContainer);

    public async Task SaveAsync(string assessmentId, ReadOnlyMemory<byte> rawJson, CancellationToken cancellationToken)
    {
        try
        {
            // If-None-Match: * makes the raw submission write-once; a retry of the same id finds it there.
            await _container.GetBlobClient($"{assessmentId}.json").UploadAsync(BinaryData.FromBytes(rawJson), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
        }
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(string assessmentId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _container.GetBlobClient($"{assessmentId}.json").DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
