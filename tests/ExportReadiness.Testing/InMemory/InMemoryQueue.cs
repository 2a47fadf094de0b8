namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// A queue in memory: every message sent is kept for assertions (<see cref="Sent"/>), and those not yet taken wait in
/// order for a test to hand them to a handler (<see cref="Drain"/>), as a queue trigger would.
/// </summary>
public class InMemoryQueue
{
    private readonly Lock _gate = new();
    private readonly List<string> _sent = [];
    private readonly Queue<string> _waiting = new();

    /// <summary>Every message ever sent, oldest first, as its text.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_gate) return _sent.ToList();
        }
    }

    /// <summary>How many messages wait to be taken.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate) return _waiting.Count;
        }
    }

    /// <summary>Takes every waiting message, oldest first; messages sent while a test handles them wait for the next drain.</summary>
    public IReadOnlyList<string> Drain()
    {
        lock (_gate)
        {
            var taken = _waiting.ToList();
            _waiting.Clear();
            return taken;
        }
    }

    protected void Send(string text)
    {
        lock (_gate)
        {
            _sent.Add(text);
            _waiting.Enqueue(text);
        }
    }
}
