using System.Collections.Concurrent;
using ExportReadiness.Application.Queues;

namespace ExportReadiness.LocalHost.Tests.Rescoring;

/// <summary>
/// A queue function that notes which worker handled each delivery, then hands it to the real one. The first delivery each
/// worker gets is held until every worker has one, so the test knows the parts were shared, not taken by whoever polled first.
/// </summary>
public sealed class TaggedFunction(IQueueFunction inner, string worker, ConcurrentQueue<string> handledBy, int workers) : IQueueFunction
{
    public string Name => inner.Name;

    public string QueueName => inner.QueueName;

    public async Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var _ in deliveries) handledBy.Enqueue(worker);
        await Until.TrueAsync(() => handledBy.Distinct().Count() == workers, "every worker holds a part");
        return await inner.HandleAsync(deliveries, cancellationToken);
    }
}
