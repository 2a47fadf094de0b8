using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.Application.Tests.Scoring;

public sealed class PendingSweeperTests : ApplicationTests
{
    private PendingSweeper Sweeper => App.Get<PendingSweeper>();

    private TimeSpan Age => App.Options<ExportReadinessOptions>().PendingSweepAge;

    /// <summary>A Pending row whose scoring message was lost: a crash between the row and the message.</summary>
    private async Task<string> LostMessageAsync(string programme = "umea")
    {
        var assessment = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(submittedAt: App.Clock.GetUtcNow());
        await App.Storage.Assessments.AddAsync(assessment, default);
        return assessment.Id;
    }

    private async Task<int> RequeuesAsync(string id)
    {
        await foreach (var pending in App.Storage.Assessments.PendingAsync(DateTimeOffset.MaxValue, default))
            if (pending.Id == id) return pending.Requeues;
        throw new Xunit.Sdk.XunitException($"{id} is not Pending.");
    }

    [Fact]
    public async Task A_sweep_resends_the_message_of_pending_rows_left_unchanged_and_leaves_scored_and_recent_ones()
    {
        var lost = await LostMessageAsync();
        var (scored, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());
        App.Clock.Advance(Age + TimeSpan.FromSeconds(1));
        var recent = await LostMessageAsync();

        var requeued = await Sweeper.RunAsync(default);

        Assert.Equal(1, requeued);
        Assert.Equal([lost], App.Storage.ScoringQueue.Drain().SelectMany(Testing.InMemory.InMemoryScoringQueue.IdsOf));
        Assert.Equal(1, await RequeuesAsync(lost));
        Assert.Equal(0, await RequeuesAsync(recent));
        Assert.Equal(AssessmentStatus.Scored, (await App.StoredAsync(scored)).Status);
    }

    [Fact]
    public async Task A_resent_row_waits_twice_as_long_before_each_next_resend()
    {
        var lost = await LostMessageAsync();
        App.Clock.Advance(Age);
        Assert.Equal(1, await Sweeper.RunAsync(default));

        // Marking the row rewrote it: the next re-send is due after twice the age, not once.
        App.Clock.Advance(Age);
        Assert.Equal(0, await Sweeper.RunAsync(default));
        App.Clock.Advance(Age);
        Assert.Equal(1, await Sweeper.RunAsync(default));

        Assert.Equal(2, await RequeuesAsync(lost));
        Assert.Equal([lost, lost], App.Storage.ScoringQueue.SentIds);
    }

    [Fact]
    public async Task A_resent_message_is_scored_like_the_lost_one_and_the_row_is_swept_no_more()
    {
        var lost = await LostMessageAsync();
        App.Clock.Advance(Age);
        await Sweeper.RunAsync(default);

        await App.ScoreWaitingAsync();
        App.Clock.Advance(PendingSweeper.MaxBackoff);

        Assert.Equal(AssessmentStatus.Scored, (await App.StoredAsync(lost)).Status);
        Assert.Equal(0, await Sweeper.RunAsync(default));
    }

    [Fact]
    public async Task Rows_of_several_programmes_are_resent_in_one_message_per_programme()
    {
        var umea = new[] { await LostMessageAsync("umea"), await LostMessageAsync("umea") };
        var lulea = await LostMessageAsync("lulea");
        App.Clock.Advance(Age);

        Assert.Equal(3, await Sweeper.RunAsync(default));

        var messages = App.Storage.ScoringQueue.Sent;
        Assert.Equal(2, messages.Count);
        Assert.Equal(umea.Append(lulea).Order(StringComparer.Ordinal), App.Storage.ScoringQueue.SentIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task While_another_instance_sweeps_this_one_sends_nothing()
    {
        await LostMessageAsync();
        App.Clock.Advance(Age);
        await using var other = await App.Storage.Locks.TryAcquireAsync(PendingSweeper.LockName, default);

        Assert.Null(await Sweeper.RunAsync(default));
        Assert.Empty(App.Storage.ScoringQueue.Sent);
    }
}
