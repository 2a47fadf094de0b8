using ExportReadiness.Core.Training;
using Xunit;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IRescorePartStore"/> does: parts added once, replaced only at the version read, listed per run.</summary>
public abstract class RescorePartStoreContract
{
    protected abstract IRescorePartStore Store { get; }

    private static string NewRunId() => $"{Random.Shared.NextInt64(1, long.MaxValue):D19}";

    [Fact]
    public async Task A_part_added_again_is_left_as_it_is_and_a_runs_parts_are_listed_without_another_runs()
    {
        var run = NewRunId();
        var first = RescorePart.Of(run, "norr", "", "7");
        var second = RescorePart.Of(run, "norr", "7", null);
        await Store.AddAsync([first, second, RescorePart.Of(NewRunId(), "norr", "", null)], default);
        var stored = (await Store.GetAsync(run, first.Id, default))!;
        var done = (await Store.TryReplaceAsync(stored with { Status = RescorePartStatus.Done, Rescored = 4, SettledAt = DateTimeOffset.UnixEpoch }, default))!;

        await Store.AddAsync([first], default);

        var listed = await Store.ListAsync(run, default);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), listed.Select(p => p.Id).Order(StringComparer.Ordinal));
        var kept = listed.Single(p => p.Id == first.Id);
        Assert.Equal((RescorePartStatus.Done, 4, "norr", "", "7"), (kept.Status, kept.Rescored, kept.Programme, kept.From, kept.To));
        Assert.Equal(done.ConcurrencyToken, kept.ConcurrencyToken);
        Assert.Null(listed.Single(p => p.Id == second.Id).To);
    }

    [Fact]
    public async Task A_replace_at_a_version_no_longer_stored_is_refused()
    {
        var run = NewRunId();
        var part = RescorePart.Of(run, "syd", "", null);
        await Store.AddAsync([part], default);
        var read = (await Store.GetAsync(run, part.Id, default))!;
        Assert.NotNull(await Store.TryReplaceAsync(read with { SplitAt = "5" }, default));

        var stale = await Store.TryReplaceAsync(read with { SplitAt = "3" }, default);

        Assert.Null(stale);
        Assert.Equal("5", (await Store.GetAsync(run, part.Id, default))!.SplitAt);
        Assert.Null(await Store.GetAsync(NewRunId(), part.Id, default));
    }
}
