namespace ExportReadiness.Testing.InMemory;

/// <summary>What came of a conditional write to an <see cref="InMemoryTable{T}"/>, as Table Storage answers it.</summary>
public enum TableWrite
{
    Written,

    /// <summary>409: an insert found the key taken.</summary>
    Exists,

    /// <summary>404: an update found no row.</summary>
    Missing,

    /// <summary>412: the row's ETag is not the one the writer read.</summary>
    Stale,
}

/// <summary>
/// One Table Storage table in memory, the way the adapters use one: rows keyed by partition and row key and listed in
/// key order (partition, then row, ordinal), each with an ETag that changes on every write and the time the store last
/// wrote it (Table Storage's <c>Timestamp</c>, taken from the store's clock so a test can move it). Every operation
/// holds one lock, and <see cref="Atomically{TResult}"/> holds it across several, as a table transaction does: handlers
/// running at once see each write whole.
/// </summary>
public sealed class InMemoryTable<T>(TimeProvider clock) where T : class
{
    public sealed record Row(string Partition, string Key, T Value, string ETag, DateTimeOffset Timestamp);

    // Monitor, not System.Threading.Lock: Atomically re-enters it through the other operations.
    private readonly object _gate = new();
    private readonly SortedDictionary<(string Partition, string Key), Row> _rows = new(KeyOrder.Instance);

    public Row? Get(string partition, string key)
    {
        lock (_gate) return _rows.GetValueOrDefault((partition, key));
    }

    /// <summary>An insert: <see cref="TableWrite.Exists"/> (and the stored row left as it was) when the key is taken.</summary>
    public (TableWrite Outcome, Row? Row) TryAdd(string partition, string key, T value)
    {
        lock (_gate)
            return _rows.ContainsKey((partition, key)) ? (TableWrite.Exists, null) : (TableWrite.Written, Put(partition, key, value));
    }

    /// <summary>Insert or replace, whatever is stored.</summary>
    public Row Upsert(string partition, string key, T value)
    {
        lock (_gate) return Put(partition, key, value);
    }

    /// <summary>A replace of a row that must exist, conditional on its ETag being <paramref name="etag"/> (null: any ETag, <c>*</c>).</summary>
    public (TableWrite Outcome, Row? Row) TryReplace(string partition, string key, T value, string? etag) =>
        TryUpdate(partition, key, _ => value, etag);

    /// <summary>A replace computed from the stored value (a merge), on the same conditions as <see cref="TryReplace"/>.</summary>
    public (TableWrite Outcome, Row? Row) TryUpdate(string partition, string key, Func<T, T> change, string? etag)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((partition, key), out var stored)) return (TableWrite.Missing, null);
            if (etag is not null && etag != stored.ETag) return (TableWrite.Stale, null);
            return (TableWrite.Written, Put(partition, key, change(stored.Value)));
        }
    }

    /// <summary>Deletes the row; false when there was none.</summary>
    public bool Delete(string partition, string key)
    {
        lock (_gate) return _rows.Remove((partition, key));
    }

    /// <summary>A partition's rows in row-key order: a copy, so a caller may write while it reads.</summary>
    public IReadOnlyList<Row> Partition(string partition)
    {
        lock (_gate) return _rows.Values.Where(r => r.Partition == partition).ToList();
    }

    /// <summary>Every row in key order: a copy, as a query reads pages while others write.</summary>
    public IReadOnlyList<Row> All()
    {
        lock (_gate) return _rows.Values.ToList();
    }

    /// <summary>Several operations as one: nobody else reads or writes the table in between (a table transaction).</summary>
    public TResult Atomically<TResult>(Func<TResult> work)
    {
        lock (_gate) return work();
    }

    private Row Put(string partition, string key, T value) =>
        _rows[(partition, key)] = new Row(partition, key, value, ETags.Next(), clock.GetUtcNow());

    private sealed class KeyOrder : IComparer<(string Partition, string Key)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((string Partition, string Key) x, (string Partition, string Key) y) =>
            string.CompareOrdinal(x.Partition, y.Partition) is var byPartition and not 0 ? byPartition : string.CompareOrdinal(x.Key, y.Key);
    }
}

/// <summary>
/// Versions shaped like Table Storage's weak ETags (<c>W/"…"</c>), so code that compares a client's If-Match with or
/// without the <c>W/</c> meets the same strings it meets in production. Unique across every fake in the process.
/// </summary>
public static class ETags
{
    private static long _last;

    public static string Next() => $"W/\"inmemory'{Interlocked.Increment(ref _last)}'\"";
}
