namespace ExportReadiness.Application.Funnel;

/// <summary>
/// One sequential read of rows sorted by a key (ordinal), taken key by key as a walk in the same order asks for them: a
/// merge join, so a walk of many keys costs one query rather than one per key, and holds no more than the query's page.
/// A key asked for out of order starts the read again from it.
/// </summary>
public sealed class OrderedCursor<T>(Func<string, CancellationToken, IAsyncEnumerable<T>> readFrom, Func<T, string> keyOf) : IAsyncDisposable
{
    private IAsyncEnumerator<T>? _rows;
    private string? _lastKey;
    private bool _holding;
    private bool _ended;

    /// <summary>The rows of <paramref name="key"/>; the rows of keys before it that nobody asked for are passed over.</summary>
    public async Task<IReadOnlyList<T>> TakeAsync(string key, CancellationToken cancellationToken)
    {
        if (_rows is null || string.CompareOrdinal(key, _lastKey) < 0)
        {
            if (_rows is not null) await _rows.DisposeAsync();
            _rows = readFrom(key, cancellationToken).GetAsyncEnumerator(cancellationToken);
            (_holding, _ended) = (false, false);
        }
        _lastKey = key;
        var taken = new List<T>();
        while (true)
        {
            if (!_holding)
            {
                if (_ended || !await _rows.MoveNextAsync())
                {
                    _ended = true;
                    return taken;
                }
                _holding = true;
            }
            var order = string.CompareOrdinal(keyOf(_rows.Current), key);
            // A row of a later key stays held for the call that asks for it.
            if (order > 0) return taken;
            if (order == 0) taken.Add(_rows.Current);
            _holding = false;
        }
    }

    public ValueTask DisposeAsync() => _rows?.DisposeAsync() ?? ValueTask.CompletedTask;
}
