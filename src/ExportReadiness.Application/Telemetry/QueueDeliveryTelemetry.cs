using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Telemetry;

/// <summary>
/// The queue metrics both drivers record (queue age, retries, poison): the local host's worker around its batches, the
/// Function App around each delivery the Functions host hands over.
/// </summary>
public sealed class QueueDeliveryTelemetry(ExportReadinessMetrics metrics, TimeProvider clock, IOptions<QueueTriggerOptions> options)
{
    public void Received(string queue, QueueMessage message) => metrics.Dequeued(queue, message.DequeueCount, message.InsertedOn, clock.GetUtcNow());

    public void Poisoned(string queue) => metrics.Poisoned(queue);

    /// <summary>
    /// One delivery under the Functions host: measured, then handled (<see cref="QueueFunctionExtensions.HandleOneAsync"/>).
    /// A failure on the last delivery is counted as poison: the host moves the message to <c>{queue}-poison</c> next.
    /// </summary>
    public async Task<string> HandleOneAsync(IQueueFunction function, QueueMessage message, CancellationToken cancellationToken)
    {
        Received(function.QueueName, message);
        try
        {
            return await function.HandleOneAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);
        }
        catch (Exception) when (message.DequeueCount >= options.Value.MaxDequeueCount && !cancellationToken.IsCancellationRequested)
        {
            Poisoned(function.QueueName);
            throw;
        }
    }
}
