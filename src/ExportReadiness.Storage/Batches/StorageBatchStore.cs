using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Storage.Batches;

/// <summary>
/// A batch's row in the Batches table (PartitionKey <c>batch</c>, RowKey = id) and its files in Blob:
/// <c>batches/{id}/input.csv</c> as uploaded, <c>batches/{id}/rejected.csv</c> with every rejected line and its reason.
/// </summary>
public sealed class StorageBatchStore(StorageClients clients) : IBatchStore
{
    private const string Partition = "batch";
    private readonly TableClient _table = clients.Table(StorageNames.BatchesTable);
    private readonly BlobContainerClient _blobs = clients.Container(StorageNames.BatchesContainer);

    public async Task<Batch?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(batchId)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, batchId, cancellationToken: cancellationToken);
        return row.HasValue
            ? JsonSerializer.Deserialize<Batch>(row.Value!.GetString("Json")!, QuestionnaireSchema.JsonOptions)! with { ConcurrencyToken = row.Value.ETag.ToString() }
            : null;
    }

    public async Task<bool> TryAddAsync(Batch batch, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(batch), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task SaveAsync(Batch batch, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToEntity(batch), TableUpdateMode.Replace, cancellationToken);

    public async Task<Batch?> TryReplaceAsync(Batch batch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(batch), batch.ConcurrencyToken is { } version ? new ETag(version) : ETag.All,
                TableUpdateMode.Replace, cancellationToken);
            return batch with { ConcurrencyToken = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    public Task SaveInputAsync(string batchId, Stream content, CancellationToken cancellationToken) =>
        _blobs.GetBlobClient($"{batchId}/input.csv").UploadAsync(content, overwrite: true, cancellationToken);

    public async Task<Stream> OpenInputAsync(string batchId, CancellationToken cancellationToken) =>
        await _blobs.GetBlobClient($"{batchId}/input.csv").OpenReadAsync(cancellationToken: cancellationToken);

    public Task<Stream> CreateRejectionsAsync(string batchId, CancellationToken cancellationToken) =>
        _blobs.GetBlobClient($"{batchId}/rejected.csv").OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);

    public async Task<Stream?> OpenRejectionsAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            return await _blobs.GetBlobClient($"{batchId}/rejected.csv").OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(Batch batch) => new(Partition, batch.Id)
    {
        ["Status"] = batch.Status.ToString(),
        ["UploadedAt"] = batch.UploadedAt,
        ["Json"] = JsonSerializer.Serialize(batch, QuestionnaireSchema.JsonOptions),
    };
}
