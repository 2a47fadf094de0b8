using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IScoringQueue"/> in memory, writing the messages <c>StorageScoringQueue</c> writes (<c>{"assessmentId"}</c>,
/// or <c>{"assessmentIds":[…], "programme"}</c> of at most <see cref="IdsPerMessage"/>), so a drained message is what the
/// scoring handler reads in production.
/// </summary>
public sealed class InMemoryScoringQueue : InMemoryQueue, IScoringQueue
{
    public const int IdsPerMessage = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Task EnqueueAsync(ScoringRequest request, CancellationToken cancellationToken) =>
        StorageCall.Do(cancellationToken, () => Send(TraceStamp.Serialize(request, Json)));

    public Task EnqueueManyAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () =>
    {
        foreach (var ids in assessmentIds.Chunk(IdsPerMessage)) Send(TraceStamp.Serialize(new { assessmentIds = ids, programme }, Json));
    });

    public Task EnqueueSliceAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken) =>
        StorageCall.Do(cancellationToken, () => Send(TraceStamp.Serialize(new { assessmentIds, programme, slice = true }, Json)));

    /// <summary>Every assessment id any sent message named, in the order sent (an id sent twice appears twice).</summary>
    public IReadOnlyList<string> SentIds => Sent.SelectMany(IdsOf).ToList();

    /// <summary>The ids one message names.</summary>
    public static IEnumerable<string> IdsOf(string message)
    {
        var root = JsonNode.Parse(message)!.AsObject();
        return root["assessmentIds"] is JsonArray many ? many.Select(i => i!.GetValue<string>()) : [root["assessmentId"]!.GetValue<string>()];
    }
}
