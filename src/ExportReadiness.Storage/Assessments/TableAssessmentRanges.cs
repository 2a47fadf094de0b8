using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// The Assessments table by key. The next programme and the first id from a point are key-only queries for one row: Table
/// Storage seeks to the key and returns it, so finding a rescore run's parts costs a query per part, never a read of the rows
/// between them (a loose index scan).
/// </summary>
public sealed class TableAssessmentRanges(StorageClients clients) : IAssessmentRanges
{
    private readonly TableClient _assessments = clients.Table(StorageNames.AssessmentsTable);

    public Task<string?> NextProgrammeAsync(string? after, CancellationToken cancellationToken) =>
        FirstKeyAsync(after is null ? null : TableClient.CreateQueryFilter($"PartitionKey gt {after}"), e => e.PartitionKey, cancellationToken);

    /// <remarks>Only assessment ids: the partition's hidden rows (its report tallies) sort after them.</remarks>
    public Task<string?> FirstIdAsync(string programme, string from, CancellationToken cancellationToken) =>
        FirstKeyAsync(TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {from} and RowKey lt {TallyShards.HiddenPrefix}"), e => e.RowKey, cancellationToken);

    public async IAsyncEnumerable<Assessment> StaleAsync(string programme, string from, string? to, string version,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var range = TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {from} and RowKey lt {to ?? TallyShards.HiddenPrefix}");
        var filter = $"{range} and {TableClient.CreateQueryFilter($"Status eq {nameof(AssessmentStatus.Scored)} and ModelVersion ne {version}")}";
        await foreach (var entity in _assessments.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            yield return AssessmentEntityMapper.FromEntity(entity);
    }

    private async Task<string?> FirstKeyAsync(string? filter, Func<TableEntity, string> key, CancellationToken cancellationToken)
    {
        // A filtered query may answer with an empty page and a continuation token; the SDK follows it.
        await foreach (var entity in _assessments.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            return key(entity);
        return null;
    }
}
