using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Storage;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>
/// Re-scores one part of a rescore run, on whichever instance takes the message. A failure throws: the Functions host
/// retries and, after host.json's maxDequeueCount, moves it to <c>rescore-parts-poison</c>; on that last delivery the
/// handler has marked the part Failed, so the run still completes.
/// </summary>
public sealed class RescorePartFunction(RescorePartHandler handler, QueueDeliveryTelemetry telemetry)
{
    [Function(nameof(RescorePart))]
    public Task RescorePart(
        [QueueTrigger(StorageNames.RescorePartsQueue, Connection = StorageNames.ConnectionSetting)] QueueMessage message, CancellationToken cancellationToken) =>
        telemetry.HandleOneAsync(handler, message, cancellationToken);
}
