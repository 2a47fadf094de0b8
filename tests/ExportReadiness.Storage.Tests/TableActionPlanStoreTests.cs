using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Storage.ActionPlans;

namespace ExportReadiness.Storage.Tests;

[Collection(StorageCollection.Name)]
public class TableActionPlanStoreTests(StorageFixture storage)
{
    private readonly TableActionPlanStore _store = new(storage.Clients);

    private static PlannedAction NewAction(string productId, string id) =>
        new(id, productId, "mgmt_plan", "management", "Skriv en exportplan", "Anna, vd", new DateOnly(2027, 2, 28), ActionStatus.Planned,
            new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), PlannedAction.Sme, productId);

    [Fact]
    public async Task An_action_round_trips_and_a_change_needs_the_version_it_replaces()
    {
        var product = Guid.NewGuid().ToString("N");
        var (added, saved) = await _store.AddAsync(NewAction(product, "a1"), default);
        Assert.Equal(ActionSaveOutcome.Saved, added);
        Assert.NotNull(saved!.ConcurrencyToken);

        var read = await _store.FindAsync(product, "a1", default);
        Assert.Equal(saved, read);
        Assert.Equal(new DateOnly(2027, 2, 28), read!.DueDate);

        // The same id again is a conflict, never an overwrite.
        var (again, _) = await _store.AddAsync(NewAction(product, "a1") with { Title = "Annat" }, default);
        Assert.Equal(ActionSaveOutcome.Conflict, again);
        Assert.Equal("Skriv en exportplan", (await _store.FindAsync(product, "a1", default))!.Title);

        var done = read.WithStatus(ActionStatus.Done, DateTimeOffset.UtcNow);
        var (changed, afterChange) = await _store.ReplaceAsync(done, default);
        Assert.Equal(ActionSaveOutcome.Saved, changed);
        Assert.NotEqual(read.ConcurrencyToken, afterChange!.ConcurrencyToken);
        Assert.Equal(done.DoneAt!.Value.ToUnixTimeMilliseconds(), (await _store.FindAsync(product, "a1", default))!.DoneAt!.Value.ToUnixTimeMilliseconds());

        // A writer holding the old version loses.
        var (stale, _) = await _store.ReplaceAsync(read.WithStatus(ActionStatus.Dropped, DateTimeOffset.UtcNow), default);
        Assert.Equal(ActionSaveOutcome.Conflict, stale);
        Assert.Equal(ActionStatus.Done, (await _store.FindAsync(product, "a1", default))!.Status);
    }

    [Fact]
    public async Task A_products_plan_is_its_own_partition_and_the_scan_reads_every_plan()
    {
        var mine = Guid.NewGuid().ToString("N");
        var theirs = Guid.NewGuid().ToString("N");
        await _store.AddAsync(NewAction(mine, "a1"), default);
        await _store.AddAsync(NewAction(mine, "a2"), default);
        await _store.AddAsync(NewAction(theirs, "a1"), default);

        Assert.Equal(["a1", "a2"], (await _store.ListAsync(mine, default)).Select(a => a.Id).Order());
        Assert.Equal(["a1"], (await _store.ListAsync(theirs, default)).Select(a => a.Id));
        Assert.Empty(await _store.ListAsync("no/such#product", default));
        Assert.Null(await _store.FindAsync(mine, "a/1", default));

        var scanned = new List<PlannedAction>();
        await foreach (var a in _store.ScanAsync(default)) scanned.Add(a);
        Assert.Equal(3, scanned.Count(a => a.ProductId == mine || a.ProductId == theirs));
    }
}
