using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Storage.Privacy;

/// <summary>
/// The <see cref="StorageNames.ErasuresTable"/>: PartitionKey = product id, RowKey <c>erasure</c>. Written before anything is
/// removed (so a write that races the erasure finds it) and completed with the counts after; never rewritten otherwise.
/// </summary>
internal sealed class ErasureRecords(StorageClients clients)
{
    private const string RowKey = "erasure";
    private readonly TableClient _table = clients.Table(StorageNames.ErasuresTable);

    public async Task<ErasureRecord?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(productId)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(productId, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>The record as first written: this one, or the one already there (a replay, or two erasures at once).</summary>
    public async Task<ErasureRecord> StartAsync(ErasureRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(record), cancellationToken);
            return record;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await FindAsync(record.ProductId, cancellationToken))!;
        }
    }

    public async Task<ErasureRecord> CompleteAsync(ErasureRecord record, CancellationToken cancellationToken)
    {
        var completed = record with { Completed = true };
        await _table.UpsertEntityAsync(ToEntity(completed), TableUpdateMode.Replace, cancellationToken);
        return completed;
    }

    private static TableEntity ToEntity(ErasureRecord r) => new(r.ProductId, RowKey)
    {
        ["ErasedAt"] = r.ErasedAt,
        ["ErasedBy"] = r.ErasedBy,
        ["Reason"] = r.Reason,
        ["RemovedJson"] = JsonSerializer.Serialize(r.Removed),
        ["Completed"] = r.Completed,
    };

    private static ErasureRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetDateTimeOffset("ErasedAt") ?? e.Timestamp ?? default,
        e.GetString("ErasedBy") ?? "",
        e.GetString("Reason") ?? "",
        JsonSerializer.Deserialize<Dictionary<string, int>>(e.GetString("RemovedJson") ?? "{}") ?? [],
        e.GetBoolean("Completed") ?? false);
}
