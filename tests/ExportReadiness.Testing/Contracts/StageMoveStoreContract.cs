using ExportReadiness.Core.Funnel;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>What every <see cref="IStageMoveStore"/> does: a move is idempotent on (stage, date), moves come back in the order they happened.</summary>
public abstract class StageMoveStoreContract
{
    protected abstract IStageMoveStore Store { get; }

    private static StageMove Move(string product, string stage, string date, string note = "", int minute = 0) =>
        new(product, stage, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), note, "Anna Lind", Monday.AddMinutes(minute));

    [Fact]
    public async Task A_products_moves_come_back_by_date_then_time_recorded_and_a_retried_move_keeps_the_first_note()
    {
        var product = Unique.Programme("product");
        Assert.True(await Store.AddAsync(Move(product, "export-ready", "2026-05-01", "Klar", 5), default));
        Assert.True(await Store.AddAsync(Move(product, "selected", "2026-02-01", "Bra produkt", 2), default));
        Assert.False(await Store.AddAsync(Move(product, "selected", "2026-02-01", "Retried", 3), default));
        Assert.True(await Store.AddAsync(Move(product, "in-development", "2026-05-01", minute: 1), default));

        var moves = await Store.ForProductAsync(product, default);

        Assert.Equal(["selected", "in-development", "export-ready"], moves.Select(m => m.Stage));
        Assert.Equal(Move(product, "selected", "2026-02-01", "Bra produkt", 2), moves[0]);
        Assert.Empty(await Store.ForProductAsync(Unique.Programme("product"), default));
        Assert.Empty(await Store.ForProductAsync("not/a key", default));
    }

    [Fact]
    public async Task Every_products_moves_are_read_in_one_pass_keyed_by_product()
    {
        var (a, b) = (Unique.Programme("product"), Unique.Programme("product"));
        await Store.AddAsync(Move(a, "selected", "2026-03-01"), default);
        await Store.AddAsync(Move(b, "exporting", "2026-04-01"), default);
        await Store.AddAsync(Move(b, "selected", "2026-01-01"), default);

        var all = await Store.AllAsync(default);

        Assert.Equal(["selected"], all[a].Select(m => m.Stage));
        Assert.Equal(["selected", "exporting"], all[b].Select(m => m.Stage));
    }

    [Fact]
    public async Task Moves_from_a_product_on_come_product_by_product_in_id_order()
    {
        var prefix = Unique.Programme("from");
        var (a, b, c) = ($"{prefix}-a", $"{prefix}-b", $"{prefix}-c");
        await Store.AddAsync(Move(c, "selected", "2026-03-01"), default);
        await Store.AddAsync(Move(a, "selected", "2026-03-01"), default);
        await Store.AddAsync(Move(b, "exporting", "2026-04-01"), default);
        await Store.AddAsync(Move(b, "selected", "2026-01-01"), default);

        var read = new List<StageMove>();
        // The table is shared: other tests' products follow this one's.
        await foreach (var move in Store.FromAsync(b, default))
        {
            if (!move.ProductId.StartsWith(prefix, StringComparison.Ordinal)) break;
            read.Add(move);
        }

        Assert.Equal([b, b, c], read.Select(m => m.ProductId));
        Assert.Equal(["exporting", "selected"], read.Take(2).Select(m => m.Stage).Order());
    }
}
