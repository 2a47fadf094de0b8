namespace ExportReadiness.LocalHost;

/// <summary>
/// How many queue messages a driver may hold at once: the Functions host keeps at most batchSize + newBatchThreshold
/// messages of a queue in flight per instance (host.json), and so does the local host's driver. It fetches up to
/// batchSize at a time whenever fewer than that many are held, so a second batch is handled while the first finishes.
/// One fetcher waits on it at a time.
/// </summary>
public sealed class InFlightWindow(int batchSize, int newBatchThreshold)
{
    private readonly Lock _gate = new();
    private int _held;
    private TaskCompletionSource? _waiting;

    /// <summary>The most messages held at once.</summary>
    public int Limit { get; } = batchSize + newBatchThreshold;

    public int Held
    {
        get
        {
            lock (_gate) return _held;
        }
    }

    /// <summary>Waits until there is room, then says how many messages the next fetch may take (at most a batch).</summary>
    public async Task<int> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task released;
            lock (_gate)
            {
                if (_held < Limit) return Math.Min(batchSize, Limit - _held);
                _waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                released = _waiting.Task;
            }
            await released.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A fetch brought <paramref name="count"/> messages.</summary>
    public void Hold(int count)
    {
        lock (_gate)
        {
            if (_held + count > Limit) throw new InvalidOperationException($"{count} more messages would exceed the window of {Limit} ({_held} held).");
            _held += count;
        }
    }

    /// <summary><paramref name="count"/> messages are settled (deleted, released or poisoned).</summary>
    public void Release(int count)
    {
        TaskCompletionSource? waiting;
        lock (_gate)
        {
            _held -= count;
            waiting = _waiting;
            _waiting = null;
        }
        waiting?.TrySetResult();
    }
}
