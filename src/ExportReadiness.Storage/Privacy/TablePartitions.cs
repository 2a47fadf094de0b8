using Azure.Data.Tables;

namespace ExportReadiness.Storage.Privacy;

/// <summary>Deleting whole partitions and single rows, reading keys only.</summary>
internal static class TablePartitions
{
    /// <summary>Deletes every row of the partition, a transaction per 100 rows; returns how many there were.</summary>
    public static async Task<int> DeleteAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(partition)) return 0;
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 1000,
                           select: ["RowKey"], cancellationToken: cancellationToken))
            keys.Add(row.RowKey);
        foreach (var chunk in keys.Chunk(TableKeys.MaxTransactionSize))
            await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k))), cancellationToken);
        return keys.Count;
    }

    /// <summary>Deletes one row if it is there; true when it was.</summary>
    public static async Task<bool> DeleteRowAsync(TableClient table, string partition, string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(partition, key, Azure.ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
