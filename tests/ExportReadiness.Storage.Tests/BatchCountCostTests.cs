using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests;

/// <summary>
/// An advisor polls a batch's status while it is scored: its scored rows are read from the count the store keeps in each
/// partition the batch went to (batches uploaded before it was kept: the batch's own keys there), never from every
/// partition of the table. Checked on the wire.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BatchCountCostTests(StorageFixture storage)
{
    [Fact]
    public async Task Counting_a_batchs_scored_rows_in_one_programme_reads_only_that_partitions_key_range_of_the_batch()
    {
        var requests = new TableRequestLog();
        var store = new TableAssessmentStore(requests.Clients(storage.ConnectionString));
        var programme = Unique.Programme("batch-count");
        var batchId = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var rows = ContractData.Assessments(programme, 150);
        var prefix = batchId[..16];
        rows = rows.Select((a, i) => a with { Id = $"{prefix}{i + 2:D8}", BatchId = batchId }).ToList();
        // Rows of the same programme outside the batch, one with an id just past the batch's keys.
        var others = ContractData.Assessments(programme, 3);
        await store.AddManyAsync([.. rows, .. others], default);
        await store.ReplaceManyAsync(rows.Take(120).Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(60, "model-a") }).ToList(), default);
        requests.Clear();

        var scored = await store.CountAsync(new AssessmentQuery(Programme: programme, Status: AssessmentStatus.Scored, BatchId: batchId), default);

        Assert.Equal(120, scored);
        var queries = requests.Queries(StorageNames.AssessmentsTable);
        Assert.NotEmpty(queries);
        Assert.All(queries, f =>
        {
            Assert.Contains($"PartitionKey eq '{programme}'", f);
            Assert.Contains($"RowKey ge '{prefix}' and RowKey lt '{prefix}:'", f);
        });
    }

    [Fact]
    public async Task Reading_a_batchs_kept_scored_count_is_one_query_of_its_count_rows_however_many_rows_are_scored()
    {
        var requests = new TableRequestLog();
        var store = new TableAssessmentStore(requests.Clients(storage.ConnectionString));
        var programme = Unique.Programme("batch-kept-cost");
        var batchId = Guid.NewGuid().ToString("N");
        var rows = ContractData.Assessments(programme, 1200).Select((a, i) => a with { Id = $"{batchId[..16]}{i + 2:D8}", BatchId = batchId }).ToList();
        await store.AddManyAsync(rows, default);
        await store.ReplaceManyAsync(rows.Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(60, "model-a") }).ToList(), default);
        requests.Clear();

        var scored = await store.ScoredInBatchAsync(programme, batchId, default);

        Assert.Equal(1200, scored);
        // Counting the rows themselves took a query per 1,000 rows; the kept count is one query, of at most one row per shard.
        var query = Assert.Single(requests.Paths);
        Assert.Contains(StorageNames.AssessmentsTable, query);
        Assert.Contains($"RowKey ge '~batch|{batchId}|'", Assert.Single(requests.Queries(StorageNames.AssessmentsTable)));
    }
}
