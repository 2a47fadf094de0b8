using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Storage.Privacy;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests;

/// <summary>
/// The count of a batch's Scored rows that the store keeps as it writes them: always what counting the rows says, through
/// scoring, a stale replay, a re-score by a new model, an erasure, and two instances writing the same batch at once.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BatchScoredCountTests(StorageFixture storage)
{
    [Fact]
    public async Task The_kept_count_of_a_batchs_scored_rows_equals_counting_them_after_every_kind_of_write()
    {
        var store = new TableAssessmentStore(storage.Clients);
        var programme = Unique.Programme("batch-kept");
        var (batchId, rows) = Batch(programme, 260);
        await store.AddManyAsync([.. rows, .. ContractData.Assessments(programme, 3)], default);
        await AssertKeptEqualsCounted(store, programme, batchId, 0);

        var found = await store.FindManyAsync(rows.Take(200).Select(r => new ScoringRequest(r.Id, Programme: programme)).ToList(), default);
        var scored = found.Values.Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(60, "model-a") }).ToList();
        Assert.Equal(200, (await store.ReplaceManyAsync(scored, default)).Count);
        await AssertKeptEqualsCounted(store, programme, batchId, 200);

        // A replayed message carries the rows as read before: their versions are stale, so nothing is written or counted twice.
        Assert.Empty(await store.ReplaceManyAsync(scored, default));
        await AssertKeptEqualsCounted(store, programme, batchId, 200);

        var rescored = (await store.FindManyAsync(rows.Take(200).Select(r => new ScoringRequest(r.Id, Programme: programme)).ToList(), default)).Values
            .Select(a => a with { Result = ContractData.Result(70, "model-b") }).ToList();
        Assert.Equal(200, (await store.ReplaceManyAsync(rescored, default)).Count);
        await AssertKeptEqualsCounted(store, programme, batchId, 200);

        var erasure = new StorageProductErasure(storage.Clients, TimeProvider.System);
        await erasure.EraseAsync(rows[0].Id, ErasureRequest.BySme, default);
        await erasure.EraseAsync(rows[250].Id, ErasureRequest.BySme, default);
        await AssertKeptEqualsCounted(store, programme, batchId, 199);
    }

    [Fact]
    public async Task Two_instances_scoring_one_batch_at_once_keep_an_exact_count()
    {
        var programme = Unique.Programme("batch-kept-two");
        var (batchId, rows) = Batch(programme, 400);
        var first = new TableAssessmentStore(storage.Clients);
        var second = new TableAssessmentStore(storage.Clients);
        await first.AddManyAsync(rows, default);

        // Parts of fifty, alternately by each instance, all at once: their writes meet on the same count rows.
        await Task.WhenAll(rows.Chunk(50).Select((slice, i) => ScoreAsync(i % 2 == 0 ? first : second, programme, slice)));

        await AssertKeptEqualsCounted(first, programme, batchId, 400);
        Assert.Equal(400, await second.ScoredInBatchAsync(programme, batchId, default));
    }

    private static async Task ScoreAsync(TableAssessmentStore store, string programme, IReadOnlyList<Assessment> slice)
    {
        var pending = slice.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var found = await store.FindManyAsync(pending.Select(id => new ScoringRequest(id, Programme: programme)).ToList(), default);
            var written = await store.ReplaceManyAsync(found.Values.Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(60, "model-a") }).ToList(), default);
            pending.ExceptWith(written);
        }
    }

    private static (string BatchId, List<Assessment> Rows) Batch(string programme, int count)
    {
        var batchId = Guid.NewGuid().ToString("N");
        var rows = ContractData.Assessments(programme, count).Select((a, i) => a with { Id = $"{batchId[..16]}{i + 2:D8}", BatchId = batchId }).ToList();
        return (batchId, rows);
    }

    private static async Task AssertKeptEqualsCounted(TableAssessmentStore store, string programme, string batchId, int expected)
    {
        var counted = await store.CountAsync(new AssessmentQuery(Programme: programme, Status: AssessmentStatus.Scored, BatchId: batchId), default);
        Assert.Equal(expected, counted);
        Assert.Equal(counted, await store.ScoredInBatchAsync(programme, batchId, default));
    }
}
