using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.Application.Tests.Scoring;

public sealed class PendingSweeperTests : IAsyncLifetime
{
    private readonly ApplicationUnderTest _app = new();

    private PendingSweeper Sweeper => _app.Get<PendingSweeper>();

    private TimeSpan Age => _app.Options<ExportReadinessOptions>().PendingSweepAge;

    /// <summary>A Pending row whose scoring message was lost: a crash between the row and the message.</summary>
    private async Task<string> LostMessageAsync(string programme = "umea")
    {
        var assessment = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(submittedAt: _app.Clock.GetUtcNow());
        await _app.Storage.Assessments.AddAsync(assessment, default);
        return assessment.Id;
    }

    private async Task<int> RequeuesAsync(string id)
    {
        await foreach (var pending in _app.Storage.Assessments.PendingAsync(DateTimeOffset.MaxValue, default))
            if (pending.Id == id) return pending.Requeues;
        throw new Xunit.Sdk.XunitException($"{id} is not Pending.");
    }

    [Fact]
    public async Task A_sweep_resends_the_message_of_pending_rows_left_unchanged_and_leaves_scored_and_recent_ones()
    {
        var lost = await LostMessageAsync();
        var (scored, _) = await _app.SubmitScoredAsync(AssessmentBuilder.Strong());
        _app.Clock.Advance(Age + TimeSpan.FromSeconds(1));
        var recent = await LostMessageAsync();

        var requeued = await Sweeper.RunAsync(default);

        Assert.Equal(1, requeued);
        Assert.Equal([lost], _app.Storage.ScoringQueue.Drain().SelectMany(Testing.InMemory.InMemoryScoringQueue.IdsOf));
        Assert.Equal(1, await RequeuesAsync(lost));
        Assert.Equal(0, await RequeuesAsync(recent));
        Assert.Equal(AssessmentStatus.Scored, (await _app.StoredAsync(scored)).Status);
    }

    [Fact]
    public async Task A_resent_row_waits_twice_as_long_before_each_next_resend()
    {
        var lost = await LostMessageAsync();
        _app.Clock.Advance(Age);
        Assert.Equal(1, await Sweeper.RunAsync(default));

        // Marking the row rewrote it: the next re-send is due after twice the age, not once.
        _app.Clock.Advance(Age);
        Assert.Equal(0, await Sweeper.RunAsync(default));
        _app.Clock.Advance(Age);
        Assert.Equal(1, await Sweeper.RunAsync(default));

        Assert.Equal(2, await RequeuesAsync(lost));
        Assert.Equal([lost, lost], _app.Storage.ScoringQueue.SentIds);
    }

    [Fact]
    public async Task A_resent_message_is_scored_like_the_lost_one_and_the_row_is_swept_no_more()
    {
        var lost = await LostMessageAsync();
        _app.Clock.Advance(Age);
        await Sweeper.RunAsync(default);

        await _app.ScoreWaitingAsync();
        _app.Clock.Advance(PendingSweeper.MaxBackoff);

        Assert.Equal(AssessmentStatus.Scored, (await _app.StoredAsync(lost)).Status);
        Assert.Equal(0, await Sweeper.RunAsync(default));
    }

    [Fact]
    public async Task Rows_of_several_programmes_are_resent_in_one_message_per_programme()
    {
        var umea = new[] { await LostMessageAsync("umea"), await LostMessageAsync("umea") };
        var lulea = await LostMessageAsync("lulea");
        _app.Clock.Advance(Age);

        Assert.Equal(3, await Sweeper.RunAsync(default));

        var messages = _app.Storage.ScoringQueue.Sent;
        Assert.Equal(2, messages.Count);
        Assert.Equal(umea.Append(lulea).Order(StringComparer.Ordinal), _app.Storage.ScoringQueue.SentIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task While_another_instance_sweeps_this_one_sends_nothing()
    {
        await LostMessageAsync();
        _app.Clock.Advance(Age);
        await using var other = await _app.Storage.Locks.TryAcquireAsync(PendingSweeper.LockName, default);

        Assert.Null(await Sweeper.RunAsync(default));
        Assert.Empty(_app.Storage.ScoringQueue.Sent);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
