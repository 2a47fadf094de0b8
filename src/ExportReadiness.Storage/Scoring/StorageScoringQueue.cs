using System.Text.Json;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage.Scoring;

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
            async (ids, ct) => await queue.SendMessageAsync(JsonSerializer.Serialize(new { assessmentIds = ids, programme }, Json), ct));
    }

    public Task EnqueueSliceAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken)
    {
        if (assessmentIds.Count is 0 or > IdsPerMessage) throw new ArgumentOutOfRangeException(nameof(assessmentIds), "A slice is 1 to 100 assessments.");
        return clients.Queue(StorageNames.ScoringQueue).SendMessageAsync(JsonSerializer.Serialize(new { assessmentIds, programme, slice = true }, Json), cancellationToken);
    }

    public static string Serialize(ScoringRequest request) => JsonSerializer.Serialize(request, Json);
}
