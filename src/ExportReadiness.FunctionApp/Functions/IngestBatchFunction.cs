using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Queues;
using ExportReadiness.Storage;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Ingests an uploaded batch file; retried and finally poisoned by the Functions host like any queue trigger.</summary>
public sealed class IngestBatchFunction(IngestBatchHandler handler)
{
    [Function(nameof(IngestBatch))]
    public Task IngestBatch(
        [QueueTrigger(StorageNames.BatchQueue, Connection = StorageNames.ConnectionSetting)] QueueMessage message, CancellationToken cancellationToken) =>
        handler.HandleOneAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);
}
