using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Storage.Scoring;

/// <summary>The scoring queue: every message carries the trace context of whoever sent it (<see cref="TraceStamp"/>).</summary>
public sealed class StorageScoringQueue(StorageClients clients) : IScoringQueue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Task EnqueueAsync(ScoringRequest request, CancellationToken cancellationToken) =>
        clients.Queue(StorageNames.ScoringQueue).SendMessageAsync(Serialize(request), cancellationToken);

    public const int IdsPerMessage = 100;

    public Task EnqueueManyAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken)
    {
        var queue = clients.Queue(StorageNames.ScoringQueue);
        return Parallel.ForEachAsync(assessmentIds.Chunk(IdsPerMessage), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (ids, ct) => await queue.SendMessageAsync(TraceStamp.Serialize(new { assessmentIds = ids, programme }, Json), ct));
    }

    public Task EnqueueSliceAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken)
    {
        if (assessmentIds.Count is 0 or > IdsPerMessage) throw new ArgumentOutOfRangeException(nameof(assessmentIds), "A slice is 1 to 100 assessments.");
        return clients.Queue(StorageNames.ScoringQueue).SendMessageAsync(TraceStamp.Serialize(new { assessmentIds, programme, slice = true }, Json), cancellationToken);
    }

    /// <summary>The message's JSON, with the sender's trace context (<see cref="TraceStamp"/>).</summary>
    public static string Serialize(ScoringRequest request) => TraceStamp.Serialize(request, Json);
}
