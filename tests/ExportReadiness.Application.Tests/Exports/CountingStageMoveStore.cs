using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Application.Tests.Exports;

/// <summary>The stage-move store with a count of the moves a handler has taken from it.</summary>
public sealed class CountingStageMoveStore(IStageMoveStore inner) : IStageMoveStore
{
    private long _read;

    public long Read => Interlocked.Read(ref _read);

    public Task<bool> AddAsync(StageMove move, CancellationToken cancellationToken) => inner.AddAsync(move, cancellationToken);

    public async Task<IReadOnlyList<StageMove>> ForProductAsync(string productId, CancellationToken cancellationToken)
    {
        var moves = await inner.ForProductAsync(productId, cancellationToken);
        Interlocked.Add(ref _read, moves.Count);
        return moves;
    }

    public async IAsyncEnumerable<StageMove> FromAsync(string fromProductId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var move in inner.FromAsync(fromProductId, cancellationToken))
        {
            Interlocked.Increment(ref _read);
            yield return move;
        }
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StageMove>>> AllAsync(CancellationToken cancellationToken)
    {
        var all = await inner.AllAsync(cancellationToken);
        Interlocked.Add(ref _read, all.Values.Sum(m => m.Count));
        return all;
    }
}
