using ExportReadiness.Core.ActionPlans;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IActionPlanStore"/> does: adds that never overwrite, changes that need the version they replace.</summary>
public abstract class ActionPlanStoreContract
{
    protected abstract IActionPlanStore Store { get; }

    private static PlannedAction NewAction(string productId, string id) =>
        new(id, productId, "mgmt_plan", "management", "Skriv en exportplan", "Anna, vd", new DateOnly(2027, 2, 28), ActionStatus.Planned,
            Monday, PlannedAction.Sme, productId);

    [Fact]
    public async Task An_action_reads_back_as_added_with_a_version_and_its_id_is_never_overwritten()
    {
        var product = Unique.Programme("product");
        var (added, saved) = await Store.AddAsync(NewAction(product, "a1"), default);

        var (again, none) = await Store.AddAsync(NewAction(product, "a1") with { Title = "Annat" }, default);

        Assert.Equal((ActionSaveOutcome.Saved, ActionSaveOutcome.Conflict), (added, again));
        Assert.Null(none);
        var read = await Store.FindAsync(product, "a1", default);
        Assert.Equal(saved, read);
        Assert.Equal(NewAction(product, "a1"), read! with { ConcurrencyToken = null });
    }

    [Fact]
    public async Task A_change_is_saved_on_the_version_read_and_refused_on_a_stale_one_or_a_missing_action()
    {
        var product = Unique.Programme("product");
        var (_, read) = await Store.AddAsync(NewAction(product, "a1"), default);

        var (changed, after) = await Store.ReplaceAsync(read!.WithStatus(ActionStatus.Done, Monday.AddDays(3)), default);
        var (stale, _) = await Store.ReplaceAsync(read.WithStatus(ActionStatus.Dropped, Monday.AddDays(4)), default);
        var (missing, _) = await Store.ReplaceAsync(read with { Id = "never-added" }, default);

        Assert.Equal((ActionSaveOutcome.Saved, ActionSaveOutcome.Conflict, ActionSaveOutcome.Conflict), (changed, stale, missing));
        Assert.NotEqual(read.ConcurrencyToken, after!.ConcurrencyToken);
        var stored = (await Store.FindAsync(product, "a1", default))!;
        Assert.Equal((ActionStatus.Done, Monday.AddDays(3), after.ConcurrencyToken), (stored.Status, stored.DoneAt, stored.ConcurrencyToken));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceAsync(read with { ConcurrencyToken = null }, default));
    }

    [Fact]
    public async Task A_products_plan_lists_its_actions_by_id_and_the_scan_reads_each_plan_whole_product_by_product()
    {
        var (mine, theirs) = (Unique.Programme("product"), Unique.Programme("product"));
        foreach (var (product, id) in new[] { (mine, "b2"), (theirs, "a1"), (mine, "a1") }) await Store.AddAsync(NewAction(product, id), default);

        var scanned = new List<(string Product, string Id)>();
        await foreach (var a in Store.ScanAsync(default))
            if (a.ProductId == mine || a.ProductId == theirs) scanned.Add((a.ProductId, a.Id));

        Assert.Equal(["a1", "b2"], (await Store.ListAsync(mine, default)).Select(a => a.Id));
        Assert.Equal(["a1"], (await Store.ListAsync(theirs, default)).Select(a => a.Id));
        // The export looks each product up once, when its actions begin: they must come together.
        var expected = new[] { (mine, "a1"), (mine, "b2"), (theirs, "a1") }.OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2, StringComparer.Ordinal);
        Assert.Equal(expected, scanned);
    }

    [Fact]
    public async Task An_unknown_product_has_an_empty_plan_and_invalid_keys_find_nothing()
    {
        Assert.Empty(await Store.ListAsync(Unique.Programme("product"), default));
        Assert.Empty(await Store.ListAsync("no/such#product", default));
        Assert.Null(await Store.FindAsync(Unique.Programme("product"), "a/1", default));
        Assert.Null(await Store.FindAsync(Unique.Programme("product"), "a1", default));
    }
}
