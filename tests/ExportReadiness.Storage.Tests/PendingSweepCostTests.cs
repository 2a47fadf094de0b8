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
/// The sweep runs every minute for ever: what it reads must grow with the assessments still waiting, not with every
/// assessment ever scored. Counted on the wire, as Table Storage bills it.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class PendingSweepCostTests(StorageFixture storage)
{
    [Fact]
    public async Task A_sweep_reads_the_pending_index_and_point_reads_the_waiting_rows_never_querying_the_assessments_table()
    {
        var requests = new TableRequestLog();
        var store = new TableAssessmentStore(requests.Clients(storage.ConnectionString));
        var programme = Unique.Programme("sweep-cost");
        // A batch of 2,000 (one upload time), scored and forgotten as the scoring handler does; 3 whose messages were lost.
        var scored = ContractData.Assessments(programme, 2000).Select(a => a with { SubmittedAt = ContractData.Monday }).ToList();
        await store.AddManyAsync(scored, default);
        var results = scored.Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(60, "model-a") }).ToList();
        Assert.Equal(2000, (await store.ReplaceManyAsync(results, default)).Count);
        await store.ForgetPendingAsync(results, default);
        var lost = ContractData.Assessments(programme, 3);
        foreach (var assessment in lost) await store.AddAsync(assessment, default);
        requests.Clear();

        var due = new List<string>();
        await foreach (var pending in store.PendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default))
            if (pending.Programme == programme) due.Add(pending.Id);

        Assert.Equal(lost.Select(a => a.Id).Order(StringComparer.Ordinal), due.Order(StringComparer.Ordinal));
        var assessmentsTable = requests.Paths.Where(p => p.Contains($"/{StorageNames.AssessmentsTable}(", StringComparison.Ordinal)).ToList();
        // A query of the table is only ever a batch slice's key range in one partition (other tests' waiting slices share
        // this index), never a scan.
        Assert.All(requests.Queries(StorageNames.AssessmentsTable), filter => Assert.Matches(@"^PartitionKey eq '[^']+' and RowKey ge '[^']+' and RowKey (lt|le) '[^']+'", filter));
        Assert.All(lost, a => Assert.Contains(assessmentsTable, p => p.Contains(a.Id, StringComparison.Ordinal)));
        // The scored rows' ids share their batch's prefix: not one request names any of them.
        Assert.DoesNotContain(requests.Paths, p => p.Contains(scored[0].Id[..16], StringComparison.Ordinal));
    }
}
