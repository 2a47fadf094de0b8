using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// The <c>ProductIndex</c> table <see cref="TableAssessmentStore"/> writes (PartitionKey = product id, a row per
/// re-assessment), read as a range of partitions, keys only.
/// </summary>
public sealed class TableProductIndex(StorageClients clients) : IProductIndex
{
    private readonly TableClient _products = clients.Table(StorageNames.ProductIndexTable);

    public async IAsyncEnumerable<string> ReassessedFromAsync(string fromProductId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(fromProductId)) yield break;
        string? last = null;
        // Rows come by PartitionKey, so a product's re-assessments are together: each product is said once.
        await foreach (var row in _products.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {fromProductId}"), maxPerPage: 1000,
                           select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (row.PartitionKey == last) continue;
            last = row.PartitionKey;
            yield return last;
        }
    }
}
