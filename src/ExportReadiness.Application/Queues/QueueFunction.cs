namespace ExportReadiness.Application.Queues;

/// <summary>One delivery of a queue message: its text and how many times it has been dequeued.</summary>
public sealed record QueueDelivery(string Text, int DequeueCount);

/// <summary>What became of one delivery: handled (with a word for the log), or failed and to be retried.</summary>
public sealed record DeliveryResult(string? Outcome, Exception? Error)
{
    public static DeliveryResult Done(string outcome) => new(outcome, null);
    public static DeliveryResult Failed(Exception error) => new(null, error);
}

/// <summary>A queue-triggered function: the same code whether the standalone worker or the Functions host delivers.</summary>
public interface IQueueFunction
{
    string Name { get; }

    string QueueName { get; }

    /// <summary>Handles a batch of deliveries together (one model pass, one table transaction); one result each, in order.</summary>
    Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken);
}

public static class QueueFunctionExtensions
{
    /// <summary>One delivery, as the Functions host hands it over: throws if it failed, so the host retries it and finally poisons it.</summary>
    public static async Task<string> HandleOneAsync(this IQueueFunction function, string text, long dequeueCount, CancellationToken cancellationToken)
    {
        var result = (await function.HandleAsync([new QueueDelivery(text, (int)Math.Min(dequeueCount, int.MaxValue))], cancellationToken))[0];
        if (result.Error is null) return result.Outcome!;
        // Rethrown with the stack of where it was thrown, so the host's log shows the handler's line, not this one.
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(result.Error);
        return null!;
    }
}
