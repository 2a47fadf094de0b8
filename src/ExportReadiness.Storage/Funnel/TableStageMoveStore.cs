using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Storage.Funnel;

/// <summary>
/// ProductStages table: PartitionKey = product id, RowKey = <c>{date:yyyy-MM-dd}_{stage}</c>. The key sorts a product's
/// moves by date and makes a move idempotent on (stage, date): a retried request, or a second advisor recording the same
/// move, finds the row there and leaves it (the first note stands), so nothing is recorded twice.
/// </summary>
public sealed class TableStageMoveStore(StorageClients clients) : IStageMoveStore
{
    private readonly TableClient _table = clients.Table(StorageNames.ProductStagesTable);

    public async Task<bool> AddAsync(StageMove move, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(move), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<StageMove>> ForProductAsync(string productId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(productId)) return [];
        var moves = new List<StageMove>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {productId}"), cancellationToken: cancellationToken))
            moves.Add(FromEntity(row));
        return Ordered(moves);
    }

    /// <remarks>A range of partitions: Table Storage returns rows by PartitionKey, then RowKey.</remarks>
    public async IAsyncEnumerable<StageMove> FromAsync(string fromProductId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(fromProductId)) yield break;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {fromProductId}"), maxPerPage: 1000, cancellationToken: cancellationToken))
            yield return FromEntity(row);
    }

    /// <summary>The whole table in one paged scan: a move is a few short columns, so even thousands of products read quickly.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StageMove>>> AllAsync(CancellationToken cancellationToken)
    {
        var moves = new List<StageMove>();
        await foreach (var row in _table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            moves.Add(FromEntity(row));
        return moves.GroupBy(m => m.ProductId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Ordered(g), StringComparer.Ordinal);
    }

    private static IReadOnlyList<StageMove> Ordered(IEnumerable<StageMove> moves) => moves.OrderBy(m => m.Date).ThenBy(m => m.RecordedAt).ToList();

    public static string RowKey(StageMove move) => $"{move.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{move.Stage}";

    private static TableEntity ToEntity(StageMove m) => new(m.ProductId, RowKey(m))
    {
        ["Stage"] = m.Stage,
        ["Date"] = m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Note"] = m.Note,
        ["Advisor"] = m.Advisor,
        ["RecordedAt"] = m.RecordedAt,
    };

    private static StageMove FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Stage") ?? "",
        DateOnly.ParseExact(e.GetString("Date") ?? e.RowKey[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.GetString("Note") ?? "",
        e.GetString("Advisor") ?? "",
        e.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue);
}
