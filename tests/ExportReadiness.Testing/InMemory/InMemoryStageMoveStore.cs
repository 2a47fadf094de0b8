using System.Globalization;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IStageMoveStore"/> in memory, keyed as <c>TableStageMoveStore</c> keys its rows (product, <c>{date}_{stage}</c>):
/// a second move to the same stage on the same date finds the first and leaves it, note and all.
/// </summary>
public sealed class InMemoryStageMoveStore(TimeProvider? clock = null) : IStageMoveStore
{
    private readonly InMemoryTable<StageMove> _table = new(clock ?? TimeProvider.System);

    public Task<bool> AddAsync(StageMove move, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => _table.TryAdd(move.ProductId, $"{move.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{move.Stage}", move).Outcome == TableWrite.Written);

    public Task<IReadOnlyList<StageMove>> ForProductAsync(string productId, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Identifiers.IsValid(productId) ? Ordered(_table.Partition(productId).Select(r => r.Value)) : []);

    public async IAsyncEnumerable<StageMove> FromAsync(string fromProductId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await StorageCall.Answer(cancellationToken, () => _table.All().Where(r => string.CompareOrdinal(r.Partition, fromProductId) >= 0)
            .OrderBy(r => r.Partition, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList());
        foreach (var row in rows) yield return row.Value;
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<StageMove>>> AllAsync(CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyDictionary<string, IReadOnlyList<StageMove>>>(cancellationToken, () => _table.All().GroupBy(r => r.Partition, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Ordered(g.Select(r => r.Value)), StringComparer.Ordinal));

    private static IReadOnlyList<StageMove> Ordered(IEnumerable<StageMove> moves) => moves.OrderBy(m => m.Date).ThenBy(m => m.RecordedAt).ToList();
}
