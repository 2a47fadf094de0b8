using System.Collections.Concurrent;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// Which tally shards this process's writers hold, and each shard as this process last wrote it. A writer holds a
/// shard no other writer of the process holds, so writers of one instance never fail each other's transactions; and it
/// moves the shard from what was last written (by its ETag) instead of reading it before every transaction. Another
/// instance (or the reconcile) that wrote it meanwhile fails that transaction on the ETag, and the shard is read again.
/// </summary>
internal sealed class HeldShards(TallyShards shards)
{
    private readonly TallyShards _shards = shards;
    private readonly ConcurrentDictionary<(string Programme, int Shard), SemaphoreSlim> _held = new();

    /// <summary>Only ever read or written under the shard's semaphore.</summary>
    private readonly ConcurrentDictionary<(string Programme, int Shard), TallyShards.Shard> _written = new();

    /// <summary>The batch counts beside each shard as last written, by batch id: under the shard's semaphore too.</summary>
    private readonly ConcurrentDictionary<(string Programme, int Shard), Dictionary<string, TallyShards.BatchCount>> _batches = new();

    /// <summary>Counts of batches long finished are dropped from memory past this many per shard (read again if ever moved).</summary>
    private const int MaxBatchesRemembered = 64;

    /// <summary>A shard of the programme no other writer of this process holds, tried from a random start; when all are held, waits for one.</summary>
    public async Task<Hold> HoldAsync(string programme, CancellationToken cancellationToken)
    {
        var start = Random.Shared.Next(TallyShards.Count);
        for (var k = 0; k < TallyShards.Count; k++)
        {
            var shard = (start + k) % TallyShards.Count;
            var gate = _held.GetOrAdd((programme, shard), _ => new SemaphoreSlim(1, 1));
            if (gate.Wait(0)) return new Hold(this, programme, shard, gate);
        }
        var waited = _held.GetOrAdd((programme, start), _ => new SemaphoreSlim(1, 1));
        await waited.WaitAsync(cancellationToken);
        return new Hold(this, programme, start, waited);
    }

    /// <summary>A held shard: read (from what was last written, or from storage), then settled as written or not, then released.</summary>
    public sealed class Hold(HeldShards owner, string programme, int index, SemaphoreSlim gate) : IDisposable
    {
        public async Task<TallyShards.Shard> ReadAsync(CancellationToken cancellationToken) =>
            owner._written.TryGetValue((programme, index), out var written) ? written : await owner._shards.ReadAsync(programme, index, cancellationToken);

        /// <summary>The count of the batch's rows this shard's writers scored (<see cref="TallyShards.BatchCount"/>).</summary>
        public async Task<TallyShards.BatchCount> ReadBatchAsync(string batchId, CancellationToken cancellationToken) =>
            owner._batches.TryGetValue((programme, index), out var known) && known.TryGetValue(batchId, out var count)
                ? count
                : await owner._shards.ReadBatchCountAsync(programme, batchId, index, cancellationToken);

        /// <summary>
        /// The shard and the batch counts as written (their new ETags), or null when the write failed and they must be read
        /// again.
        /// </summary>
        public void Settle(TallyShards.Shard? written, IReadOnlyList<TallyShards.BatchCount>? batches = null)
        {
            if (written is null)
            {
                owner._written.TryRemove((programme, index), out _);
                owner._batches.TryRemove((programme, index), out _);
                return;
            }
            owner._written[(programme, index)] = written;
            if (batches is not { Count: > 0 }) return;
            var known = owner._batches.GetOrAdd((programme, index), _ => new Dictionary<string, TallyShards.BatchCount>(StringComparer.Ordinal));
            if (known.Count >= MaxBatchesRemembered) known.Clear();
            foreach (var count in batches) known[count.BatchId] = count;
        }

        public void Dispose() => gate.Release();
    }
}
