using System.Text.Json;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Storage.Training;

/// <summary>The <c>rescore-parts</c> queue: one <c>{"runId", "partId"}</c> message per part.</summary>
public sealed class StorageRescorePartQueue(StorageClients clients) : IRescorePartQueue
{
    public Task EnqueueAsync(IReadOnlyList<RescorePart> parts, CancellationToken cancellationToken)
    {
        var queue = clients.Queue(StorageNames.RescorePartsQueue);
        return Parallel.ForEachAsync(parts, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (part, ct) => await queue.SendMessageAsync(Message(part), ct));
    }

    public static string Message(RescorePart part) => TraceStamp.Serialize(new { runId = part.RunId, partId = part.Id }, JsonSerializerOptions.Default);
}
