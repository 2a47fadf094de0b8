using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage;

/// <summary>Table Storage key rules: no / \ # ? and no control characters, at most 1 KiB (the domain's <see cref="Identifiers"/> rule).</summary>
public static class TableKeys
{
    /// <summary>Table Storage accepts at most 100 operations in one transaction.</summary>
    public const int MaxTransactionSize = 100;

    /// <summary>The entities in the transactions Table Storage takes: one partition each, at most 100 entities.</summary>
    public static IEnumerable<TableEntity[]> InTransactions(IEnumerable<TableEntity> entities) =>
        entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(MaxTransactionSize));

    public static bool IsValid(string key) => Identifiers.IsValid(key);
}
