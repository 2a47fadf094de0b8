using System.Collections.Concurrent;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IDistributedLock"/> in memory: one holder per name, free again once the holder disposes it, as a blob lease
/// is. A test takes a lock itself to play the other instance that holds it.
/// </summary>
public sealed class InMemoryDistributedLock : IDistributedLock
{
    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var held = new Held(this, name);
        return StorageCall.Answer<IAsyncDisposable?>(cancellationToken, () => _held.TryAdd(name, held) ? held : null);
    }

    /// <summary>Whether someone holds the lock now.</summary>
    public bool IsHeld(string name) => _held.ContainsKey(name);

    private sealed class Held(InMemoryDistributedLock owner, string name) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            // Only this holder's own lease: releasing twice, or after another took the lock, frees nobody else's.
            owner._held.TryRemove(new KeyValuePair<string, Held>(name, this));
            return ValueTask.CompletedTask;
        }
    }
}
