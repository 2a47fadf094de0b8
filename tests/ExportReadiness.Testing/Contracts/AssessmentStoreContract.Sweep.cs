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

    [Fact]
    public async Task A_batch_of_pending_rows_sharing_its_upload_time_is_due_whole_until_each_row_is_scored_and_forgotten()
    {
        var programme = Unique.Programme("batch-index");
        // More than one transaction's worth, all in one minute: the batch path's index entries.
        var rows = Assessments(programme, 130).Select(a => a with { SubmittedAt = Monday }).ToList();
        await Store.AddManyAsync(rows, default);
        Assert.Equal(rows.Select(r => r.Id), (await PendingAsync(programme, StoreNow.AddDays(1))).Select(p => p.Id).Order(StringComparer.Ordinal));

        var read = (await Store.FindManyAsync(rows.Take(110).Select(r => new ScoringRequest(r.Id, Programme: programme)).ToList(), default)).Values.ToList();
        var scored = read.Select(a => a with { Status = AssessmentStatus.Scored, Result = Result(60, "model-a") }).ToList();
        Assert.Equal(110, (await Store.ReplaceManyAsync(scored, default)).Count);
        await Store.ForgetPendingAsync(scored, default);

        Assert.Equal(rows.Skip(110).Select(r => r.Id), (await PendingAsync(programme, StoreNow.AddDays(1))).Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Forgetting_an_assessment_already_forgotten_or_never_pending_is_no_work_and_a_pending_one_stays_due()
    {
        var programme = Unique.Programme("forget");
        var rows = await AddedAsync(programme, 3);
        var scored = await ScoredAsync(rows[0], 50, "model-a");
        var neverStored = Assessments(programme, 1)[0];

        await Store.ForgetPendingAsync([scored], default);
        await Store.ForgetPendingAsync([scored, neverStored, scored], default);

        Assert.Equal([rows[1].Id, rows[2].Id], (await PendingAsync(programme, StoreNow.AddDays(1))).Select(p => p.Id).Order(StringComparer.Ordinal));
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
