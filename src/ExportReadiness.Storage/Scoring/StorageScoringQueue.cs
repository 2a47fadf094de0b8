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

    public Task EnqueueManyAsync(IReadOnlyList<ScoringRequest> requests, CancellationToken cancellationToken)
    {
        var queue = clients.Queue(StorageNames.ScoringQueue);
        return Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (request, ct) => await queue.SendMessageAsync(Serialize(request), ct));
    }

    public static string Serialize(ScoringRequest request) => JsonSerializer.Serialize(request, Json);
}
