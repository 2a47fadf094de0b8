using System.Text.Json;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="IRescorePartQueue"/> in memory: <c>{"runId", "partId"}</c> per part, as <c>StorageRescorePartQueue</c> writes it.</summary>
public sealed class InMemoryRescorePartQueue : InMemoryQueue, IRescorePartQueue
{
    public Task EnqueueAsync(IReadOnlyList<RescorePart> parts, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        foreach (var part in parts) Send(TraceStamp.Serialize(new { runId = part.RunId, partId = part.Id }, JsonSerializerOptions.Default));
    });
}
