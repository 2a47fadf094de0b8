using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
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

    /// <summary>
    /// A receipt per erased assessment (PartitionKey = its id, RowKey <c>receipt</c>): its product and its token's hash, so the
    /// token's holder replaying the request gets the record again. The hash of a random token says nothing about the company.
    /// </summary>
    public async Task KeepReceiptsAsync(string productId, IEnumerable<Assessment> erased, CancellationToken cancellationToken)
    {
        foreach (var a in erased.Where(a => a.AccessTokenHash.Length > 0))
            await _table.UpsertEntityAsync(new TableEntity(a.Id, ReceiptKey) { ["ProductId"] = productId, ["AccessTokenHash"] = a.AccessTokenHash },
                TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ErasureRecord?> FindByTokenAsync(string assessmentId, string token, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(assessmentId)) return null;
        var receipt = await _table.GetEntityIfExistsAsync<TableEntity>(assessmentId, ReceiptKey, cancellationToken: cancellationToken);
        return receipt.HasValue && AccessToken.Matches(token, receipt.Value!.GetString("AccessTokenHash") ?? "") && receipt.Value.GetString("ProductId") is { } productId
            ? await FindAsync(productId, cancellationToken)
            : null;
    }

    private const string ReceiptKey = "receipt";

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
