using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests;

/// <summary>
/// A batch's rows are indexed a slice of a hundred lines at a time, in the id index and in the sweep's pending index:
/// the two small entities per row a batch used to write were a third of its storage work.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BatchSliceIndexTests(StorageFixture storage)
{
    [Fact]
    public async Task A_batch_of_1000_rows_writes_one_index_and_one_pending_entry_per_slice_and_every_row_is_found_by_its_id_alone()
    {
        var clients = new StorageClients(storage.ConnectionString);
        var store = new TableAssessmentStore(clients);
        var programme = Unique.Programme("sliced");
        var rows = BatchRows(programme, 1000);

        await store.AddManyAsync(rows, default);

        // Lines 1–1000: slices 0 (1–99) to 10 (1000 alone).
        Assert.Equal(11, await CountAsync(clients.Table(StorageNames.AssessmentIndexTable), $"PartitionKey eq '{Prefix(rows)}'"));
        Assert.Equal(11, await PendingEntriesAsync(clients, rows));
        foreach (var row in new[] { rows[0], rows[98], rows[99], rows[536], rows[^1] })
            Assert.Equal(programme, (await store.FindAsync(row.Id, default))?.Programme);
        Assert.Null(await store.FindAsync(rows[0].Id[..16] + "00001001", default));
    }

    [Fact]
    public async Task Whole_slices_are_forgotten_by_the_scorer_and_the_sweep_finds_the_rows_left_Pending_in_the_others()
    {
        var clients = new StorageClients(storage.ConnectionString);
        var store = new TableAssessmentStore(clients);
        var programme = Unique.Programme("sliced-sweep");
        var rows = BatchRows(programme, 500);
        await store.AddManyAsync(rows, default);
        // Three rows of two slices lost their messages; the rest were scored, and the scorer forgot their slices.
        var lost = new[] { rows[150], rows[160], rows[420] };
        var scored = rows.Except(lost).Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(60, "model-a") }).ToList();
        Assert.Equal(scored.Count, (await store.ReplaceManyAsync(scored, default)).Count);
        await store.ForgetPendingAsync(scored, default);
        var settledSlices = scored.Where(a => !lost.Any(l => Slice(l) == Slice(a))).GroupBy(Slice).Select(g => g.First()).ToList();
        await store.ForgetPendingSlicesAsync(settledSlices, default);
        Assert.Equal(2, await PendingEntriesAsync(clients, rows));

        var due = await DueAsync(store, programme);

        Assert.Equal(lost.Select(a => a.Id), due.Order(StringComparer.Ordinal));
        Assert.Equal(2, await PendingEntriesAsync(clients, rows));

        // Scored by a sweep's re-sent message (never a whole slice): the next sweep drops the entries.
        var late = (await store.FindManyAsync(lost.Select(a => new ScoringRequest(a.Id, Programme: programme)).ToList(), default)).Values
            .Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(61, "model-a") }).ToList();
        Assert.Equal(3, (await store.ReplaceManyAsync(late, default)).Count);
        await store.ForgetPendingAsync(late, default);
        Assert.Empty(await DueAsync(store, programme));
        Assert.Equal(0, await PendingEntriesAsync(clients, rows));
    }

    /// <summary>Rows as ingest writes them: a batch's ids (prefix and line), one upload time, the batch named.</summary>
    private static List<Assessment> BatchRows(string programme, int count) =>
        ContractData.Assessments(programme, count).Select(a => a with { SubmittedAt = ContractData.Monday, BatchId = "batch-" + a.Id[..16] }).ToList();

    private static string Prefix(IReadOnlyList<Assessment> rows) => rows[0].Id[..16];

    private static long Slice(Assessment a) => long.Parse(a.Id[16..], System.Globalization.CultureInfo.InvariantCulture) / 100;

    private static async Task<List<string>> DueAsync(TableAssessmentStore store, string programme)
    {
        var due = new List<string>();
        await foreach (var pending in store.PendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default))
            if (pending.Programme == programme) due.Add(pending.Id);
        return due;
    }

    private static Task<int> PendingEntriesAsync(StorageClients clients, IReadOnlyList<Assessment> rows) =>
        CountAsync(clients.Table(StorageNames.PendingScoringTable),
            $"PartitionKey eq '{ContractData.Monday.UtcDateTime:yyyyMMddHHmm}' and RowKey ge '{Prefix(rows)}' and RowKey lt '{Prefix(rows)}~'");

    private static async Task<int> CountAsync(TableClient table, string filter)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"])) count++;
        return count;
    }
}
