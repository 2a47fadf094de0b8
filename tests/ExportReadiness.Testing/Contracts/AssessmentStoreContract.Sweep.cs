using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>The pending sweep's side of the contract: which rows are due, and the requeue count kept on the row.</summary>
public abstract partial class AssessmentStoreContract
{
    [Fact]
    public async Task A_pending_row_unchanged_since_the_cutoff_is_due_for_a_sweep_and_a_scored_one_is_not()
    {
        var programme = Unique.Programme("pending");
        var rows = await AddedAsync(programme, 2);
        await ScoredAsync(rows[1], 50, "model-a");

        var due = await PendingAsync(programme, StoreNow.AddDays(1));

        var pending = Assert.Single(due);
        Assert.Equal((rows[0].Id, programme, 0), (pending.Id, pending.Programme, pending.Requeues));
        Assert.InRange(pending.LastWrittenAt, StoreNow.AddDays(-1), StoreNow.AddDays(1));
        Assert.Empty(await PendingAsync(programme, StoreNow.AddDays(-1)));
    }

    [Fact]
    public async Task A_requeue_is_counted_once_per_read_and_never_on_a_row_scored_since()
    {
        var programme = Unique.Programme("requeue");
        var row = (await AddedAsync(programme, 1))[0];
        var read = Assert.Single(await PendingAsync(programme, StoreNow.AddDays(1)));

        Assert.True(await Store.TryMarkRequeuedAsync(read, default));
        Assert.False(await Store.TryMarkRequeuedAsync(read, default));
        var again = Assert.Single(await PendingAsync(programme, StoreNow.AddDays(1)));
        Assert.Equal(1, again.Requeues);
        Assert.Equal(AssessmentStatus.Pending, (await Store.FindAsync(row.Id, default))!.Status);

        await ScoredAsync(row, 50, "model-a");
        Assert.False(await Store.TryMarkRequeuedAsync(again, default));
        Assert.Equal(AssessmentStatus.Scored, (await Store.FindAsync(row.Id, default))!.Status);
        Assert.False(await Store.TryMarkRequeuedAsync(again with { Id = "no-such-id" }, default));
    }

    [Fact]
    public async Task A_full_write_of_a_pending_row_starts_its_requeue_count_again()
    {
        var programme = Unique.Programme("rewrite");
        var row = (await AddedAsync(programme, 1))[0];
        Assert.True(await Store.TryMarkRequeuedAsync(Assert.Single(await PendingAsync(programme, StoreNow.AddDays(1))), default));

        var read = (await Store.FindAsync(row.Id, default))!;
        Assert.True(await Store.TryReplaceAsync(read with { Review = Review(row.Id, Verdict.NotYet, 1) }, default));

        Assert.Equal(0, Assert.Single(await PendingAsync(programme, StoreNow.AddDays(1))).Requeues);
    }

    /// <summary>The sweep's rows of one programme: the table is shared with other tests.</summary>
    private async Task<List<PendingAssessment>> PendingAsync(string programme, DateTimeOffset writtenBefore)
    {
        var rows = new List<PendingAssessment>();
        await foreach (var p in Store.PendingAsync(writtenBefore, default))
            if (p.Programme == programme) rows.Add(p);
        return rows;
    }
}
