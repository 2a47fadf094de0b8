using ExportReadiness.Application.Queues;
using ExportReadiness.Testing.InMemory;

namespace ExportReadiness.Application.Tests;

/// <summary>Hands a queue's waiting messages to its function, as a queue trigger delivers them.</summary>
public static class QueueDeliveries
{
    /// <summary>Every waiting message, in one batch, each on its <paramref name="dequeueCount"/>-th delivery.</summary>
    public static async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(this InMemoryQueue queue, IQueueFunction function, int dequeueCount = 1) =>
        await function.HandleAsync(queue.Drain().Select(text => new QueueDelivery(text, dequeueCount)).ToList(), default);

    /// <summary>One message's text, delivered on its own.</summary>
    public static async Task<DeliveryResult> DeliverAsync(this IQueueFunction function, string text, int dequeueCount = 1) =>
        (await function.HandleAsync([new QueueDelivery(text, dequeueCount)], default))[0];
}
