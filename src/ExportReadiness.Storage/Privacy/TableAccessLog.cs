using System.Globalization;
using Azure.Data.Tables;
using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Storage.Privacy;

/// <summary>
/// AccessLog table: PartitionKey = the month of the access (<c>yyyyMM</c>), RowKey = <c>{productId}|{inverted ticks}|{random}</c>.
/// A product's log is one key-range query per month kept (newest first); expiring a month deletes its partition and never
/// reads the months kept. An entry is an insert with a random suffix, so two accesses in the same tick both stay.
/// </summary>
public sealed class TableAccessLog(StorageClients clients, TimeProvider clock) : IAccessLog
{
    private readonly TableClient _table = clients.Table(StorageNames.AccessLogTable);

    public Task RecordAsync(ProductAccess access, CancellationToken cancellationToken) =>
        _table.AddEntityAsync(new TableEntity(Month(access.At), $"{access.ProductId}|{DateTimeOffset.MaxValue.UtcTicks - access.At.UtcTicks:D19}|{Guid.NewGuid():N}")
        {
            ["ProductId"] = access.ProductId,
            ["At"] = access.At,
            ["Actor"] = access.Actor,
            ["Kind"] = access.Kind.ToString(),
            ["Operation"] = access.Operation,
            ["AssessmentId"] = access.AssessmentId,
            ["Scope"] = access.Scope,
        }, cancellationToken);

    public async Task<IReadOnlyList<ProductAccess>> ForProductAsync(string productId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var found = new List<ProductAccess>();
        if (!TableKeys.IsValid(productId) || productId == ProductAccess.EveryProduct) return found;
        for (var month = ProductAccess.MonthOf(clock.GetUtcNow()); month >= ProductAccess.MonthOf(since) && found.Count < limit; month = month.AddMonths(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Month(month)} and RowKey ge {productId + "|"} and RowKey lt {productId + "}"}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
            {
                var entry = Read(row);
                if (entry.At < since) break;
                found.Add(entry);
                if (found.Count == limit) break;
            }
        }
        return found;
    }

    public async Task<int> ExpireBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var expired = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {Month(before)}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        var batch = new List<TableTransactionAction>(TableKeys.MaxTransactionSize);
        await foreach (var row in expired)
        {
            if (batch.Count == TableKeys.MaxTransactionSize || (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                deleted += await DeleteAsync(batch, cancellationToken);
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, Azure.ETag.All));
        }
        return deleted + await DeleteAsync(batch, cancellationToken);
    }

    private async Task<int> DeleteAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return 0;
        await _table.SubmitTransactionAsync(batch, cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private static ProductAccess Read(TableEntity row) => new(
        row.GetDateTimeOffset("At") ?? default,
        row.GetString("ProductId") ?? "",
        row.GetString("Actor") ?? "",
        Enum.TryParse<AccessKind>(row.GetString("Kind"), out var kind) ? kind : AccessKind.Read,
        row.GetString("Operation") ?? "",
        row.GetString("AssessmentId"),
        row.GetString("Scope"));

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);
}
