using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Storage;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Ingests an uploaded batch file; retried and finally poisoned by the Functions host like any queue trigger.</summary>
public sealed class IngestBatchFunction(IngestBatchHandler handler, QueueDeliveryTelemetry telemetry)
{
    [Function(nameof(IngestBatch))]
    public Task IngestBatch(
        [QueueTrigger(StorageNames.BatchQueue, Connection = StorageNames.ConnectionSetting)] QueueMessage message, CancellationToken cancellationToken) =>
        telemetry.HandleOneAsync(handler, message, cancellationToken);
}
