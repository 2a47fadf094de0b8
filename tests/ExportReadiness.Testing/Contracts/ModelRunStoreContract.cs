using ExportReadiness.Core.Training;
using Xunit;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IModelRunStore"/> does: run ids the store chooses so the listing comes out newest first.</summary>
public abstract class ModelRunStoreContract
{
    protected abstract IModelRunStore Store { get; }

    /// <summary>Start times no other test uses (run ids come from them), an hour apart.</summary>
    private static DateTimeOffset[] StartTimes(int count)
    {
        var first = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 1_000_000)).AddMilliseconds(Random.Shared.Next(0, 60_000));
        return Enumerable.Range(0, count).Select(i => first.AddHours(i)).ToArray();
    }

    private ModelRun NewRun(DateTimeOffset startedAt) => new() { Id = Store.NewRunId(startedAt), Trigger = "test", StartedAt = startedAt };

    [Fact]
    public async Task Runs_are_listed_newest_first_and_no_more_than_asked_for()
    {
        var times = StartTimes(3);
        foreach (var i in new[] { 1, 0, 2 }) await Store.SaveAsync(NewRun(times[i]), default);

        var mine = (await Store.RecentAsync(1000, default)).Where(r => times.Contains(r.StartedAt)).Select(r => r.StartedAt);

        Assert.Equal(times.OrderDescending(), mine);
        Assert.Single(await Store.RecentAsync(1, default));
    }

    [Fact]
    public async Task A_run_reads_back_as_saved_and_saving_it_again_replaces_it()
    {
        var run = NewRun(StartTimes(1)[0]) with { Phase = ModelRunPhase.Rescoring, TargetVersion = "model-a", Rescored = 2 };
        await Store.SaveAsync(run, default);
        Assert.Equal(run, await Store.GetAsync(run.Id, default));

        var done = run with { Status = ModelRunStatus.Completed, Phase = ModelRunPhase.Done, Rescored = 6, Unscorable = 1, EndedAt = run.StartedAt.AddMinutes(3) };
        await Store.SaveAsync(done, default);

        Assert.Equal(done, await Store.GetAsync(run.Id, default));
        Assert.Null(await Store.GetAsync(Store.NewRunId(StartTimes(1)[0].AddYears(1)), default));
        Assert.Null(await Store.GetAsync("not/a#key", default));
    }
}
