using ExportReadiness.Core.Funnel;
using ExportReadiness.Storage.Funnel;

namespace ExportReadiness.Storage.Tests;

[Collection(StorageCollection.Name)]
public class TableStageMoveStoreTests(StorageFixture storage)
{
    private readonly TableStageMoveStore _store = new(storage.Clients);

    private static StageMove Move(string product, string stage, string date, string note = "", int minute = 0) =>
        new(product, stage, DateOnly.Parse(date), note, "Anna Advisor", new DateTimeOffset(2026, 11, 25, 12, minute, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_products_moves_come_back_in_date_order_and_the_same_stage_on_the_same_date_is_recorded_once()
    {
        var product = Guid.NewGuid().ToString("N");
        Assert.True(await _store.AddAsync(Move(product, "export-ready", "2026-05-01", "Klar för export", 1), default));
        Assert.True(await _store.AddAsync(Move(product, "selected", "2026-02-01", "Bra produkt", 2), default));
        // A retry of the same move, even with another note, leaves the first as it was.
        Assert.False(await _store.AddAsync(Move(product, "selected", "2026-02-01", "Retried", 3), default));
        // Another stage on the same day is a move of its own.
        Assert.True(await _store.AddAsync(Move(product, "in-development", "2026-05-01", minute: 0), default));

        var moves = await _store.ForProductAsync(product, default);

        Assert.Equal(["selected", "in-development", "export-ready"], moves.Select(m => m.Stage));
        Assert.Equal("Bra produkt", moves[0].Note);
        Assert.Equal(new DateOnly(2026, 2, 1), moves[0].Date);
        Assert.Equal("Anna Advisor", moves[0].Advisor);
        Assert.Empty(await _store.ForProductAsync(Guid.NewGuid().ToString("N"), default));
        Assert.Empty(await _store.ForProductAsync("not/a key", default));
    }

    [Fact]
    public async Task Every_products_moves_are_read_in_one_pass_keyed_by_product()
    {
        var a = Guid.NewGuid().ToString("N");
        var b = Guid.NewGuid().ToString("N");
        await _store.AddAsync(Move(a, "selected", "2026-03-01"), default);
        await _store.AddAsync(Move(b, "exporting", "2026-04-01"), default);
        await _store.AddAsync(Move(b, "selected", "2026-01-01"), default);

        var all = await _store.AllAsync(default);

        Assert.Equal(["selected"], all[a].Select(m => m.Stage));
        Assert.Equal(["selected", "exporting"], all[b].Select(m => m.Stage));
    }
}
