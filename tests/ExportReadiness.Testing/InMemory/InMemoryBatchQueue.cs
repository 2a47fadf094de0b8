using System.Text.Json;
using ExportReadiness.Core.Batches;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="IBatchQueue"/> in memory: <c>{"batchId": "…"}</c> per request, as <c>StorageBatchQueue</c> writes it.</summary>
public sealed class InMemoryBatchQueue : InMemoryQueue, IBatchQueue
{
    public Task EnqueueIngestAsync(string batchId, CancellationToken cancellationToken) =>
        StorageCall.Do(cancellationToken, () => Send(TraceStamp.Serialize(new { batchId }, JsonSerializerOptions.Default)));

    /// <summary>The batch ids asked for, in order.</summary>
    public IReadOnlyList<string> SentBatchIds =>
        Sent.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("batchId").GetString()!).ToList();
}
