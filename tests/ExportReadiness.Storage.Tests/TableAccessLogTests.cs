using ExportReadiness.Core.Privacy;
using ExportReadiness.Storage.Privacy;
using ExportReadiness.Testing;

namespace ExportReadiness.Storage.Tests;

[Collection(StorageCollection.Name)]
public class TableAccessLogTests(StorageFixture storage)
{
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly TableAccessLog _log = new(storage.Clients, new FixedClock(Now));

    private static ProductAccess Entry(string product, DateTimeOffset at, string actor = "Anna Lind") =>
        new(at, product, actor, AccessKind.Read, $"GET /api/products/{product}");

    [Fact]
    public async Task A_products_log_comes_back_newest_first_across_months_and_expiring_deletes_only_the_months_before_the_cut()
    {
        var product = Guid.NewGuid().ToString("N");
        var other = Guid.NewGuid().ToString("N");
        // Months far back from any other test's entries (2029–2031), so the expiry below counts only these.
        var old = new DateTimeOffset(2029, 1, 20, 8, 0, 0, TimeSpan.Zero);
        await _log.RecordAsync(Entry(product, old), default);
        await _log.RecordAsync(Entry(product, Now.AddMonths(-2)), default);
        await _log.RecordAsync(Entry(product, Now.AddMinutes(-1), "sme"), default);
        await _log.RecordAsync(Entry(product, Now.AddMinutes(-1), "Erik Berg"), default); // same instant: both kept
        await _log.RecordAsync(Entry(other, Now.AddMinutes(-5)), default);
        await _log.RecordAsync(Entry(ProductAccess.EveryProduct, Now.AddMinutes(-3)) with { Kind = AccessKind.Export, Scope = "?programme=x" }, default);

        var all = await _log.ForProductAsync(product, old.AddDays(-1), 100, default);
        Assert.Equal([Now.AddMinutes(-1), Now.AddMinutes(-1), Now.AddMonths(-2), old], all.Select(e => e.At));
        Assert.Equal(["Erik Berg", "sme"], all.Take(2).Select(e => e.Actor).Order());
        Assert.All(all, e => Assert.Equal(product, e.ProductId));
        Assert.Equal(2, (await _log.ForProductAsync(product, old.AddDays(-1), 2, default)).Count);
        Assert.Equal(3, (await _log.ForProductAsync(product, Now.AddMonths(-3), 100, default)).Count);

        var deleted = await _log.ExpireBeforeAsync(new DateTimeOffset(2029, 2, 1, 0, 0, 0, TimeSpan.Zero), default);

        Assert.True(deleted >= 1);
        Assert.Equal([Now.AddMinutes(-1), Now.AddMinutes(-1), Now.AddMonths(-2)], (await _log.ForProductAsync(product, old.AddDays(-1), 100, default)).Select(e => e.At));
        Assert.Single(await _log.ForProductAsync(other, Now.AddDays(-1), 100, default));
    }
}
