using System.Text.Json;
using ExportReadiness.Core.Batches;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Storage.Batches;

/// <summary>The <c>batches-to-ingest</c> queue: one <c>{"batchId": "…"}</c> message per request to ingest, with the uploader's trace context.</summary>
public sealed class StorageBatchQueue(StorageClients clients) : IBatchQueue
{
    public Task EnqueueIngestAsync(string batchId, CancellationToken cancellationToken) =>
        clients.Queue(StorageNames.BatchQueue).SendMessageAsync(Message(batchId), cancellationToken);

    public static string Message(string batchId) => TraceStamp.Serialize(new { batchId }, JsonSerializerOptions.Default);
}
