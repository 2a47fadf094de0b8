using ExportReadiness.Application.Queues;

namespace ExportReadiness.LocalHost.Tests.Queues;

/// <summary>
/// A queue function that holds every delivery until the test opens its gate, counting how many it holds at once: a
/// handler as slow as the test wants, with no clock involved.
/// </summary>
public sealed class GatedFunction(string queueName) : IQueueFunction
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;
    private int _holding;
    private int _mostHeld;
    private int _handled;

    public string Name => "Gated";

    public string QueueName => queueName;

    /// <summary>Deliveries received so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Deliveries received and not yet returned.</summary>
    public int Holding => Volatile.Read(ref _holding);

    /// <summary>The most deliveries held at one time.</summary>
    public int MostHeld => Volatile.Read(ref _mostHeld);

    /// <summary>Deliveries returned as handled.</summary>
    public int Handled => Volatile.Read(ref _handled);

    public void Open() => _gate.TrySetResult();

    public async Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _calls, deliveries.Count);
        var holding = Interlocked.Add(ref _holding, deliveries.Count);
        for (var most = MostHeld; holding > most; most = MostHeld) Interlocked.CompareExchange(ref _mostHeld, holding, most);
        await _gate.Task.WaitAsync(cancellationToken);
        Interlocked.Add(ref _holding, -deliveries.Count);
        Interlocked.Add(ref _handled, deliveries.Count);
        return deliveries.Select(_ => DeliveryResult.Done("gated")).ToList();
    }
}
