using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Storage;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests.Queues;

/// <summary>The local host's queue driver keeps the Functions host's promises: how many messages it holds, how often it delivers one that fails.</summary>
[Collection(PipelineCollection.Name)]
public class QueueDriverTests(PipelineFixture pipeline)
{
    private QueueTriggerOptions Options => pipeline.App.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

    [Fact]
    public async Task The_driver_holds_at_most_batch_size_plus_new_batch_threshold_messages_as_host_json_says()
    {
        var queue = pipeline.App.Storage.Queue($"window-{Guid.NewGuid():N}"[..24]);
        await queue.CreateAsync();
        var limit = Options.BatchSize + Options.NewBatchThreshold;
        var total = limit + Options.BatchSize;
        await Task.WhenAll(Enumerable.Range(0, total).Select(i => queue.SendMessageAsync($"{{\"n\":{i}}}")));
        var function = new GatedFunction(queue.Name);
        var worker = ActivatorUtilities.CreateInstance<QueueTriggerWorker>(pipeline.App.Services, function);

        await worker.StartAsync(default);
        try
        {
            await Until.TrueAsync(() => function.Holding >= limit, $"the driver took {limit} messages while none was done");
            function.Open();
            await Until.TrueAsync(() => function.Handled == total, "every message was handled");
        }
        finally
        {
            await worker.StopAsync(default);
            await queue.DeleteAsync();
        }

        Assert.Equal(limit, function.MostHeld);
        Assert.Equal(total, function.Calls);
    }

    [Fact]
    public async Task A_fetch_waits_for_room_and_takes_no_more_than_a_batch()
    {
        var window = new InFlightWindow(batchSize: 16, newBatchThreshold: 8);

        Assert.Equal(16, await window.WaitForRoomAsync(default));
        window.Hold(16);
        Assert.Equal(8, await window.WaitForRoomAsync(default));
        window.Hold(8);
        var next = window.WaitForRoomAsync(default);
        Assert.False(next.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => window.Hold(1));

        window.Release(8);
        Assert.Equal(8, await next);
        window.Release(16);
        Assert.Equal(16, await window.WaitForRoomAsync(default));
        Assert.Equal(0, window.Held);
    }

    /// <summary>
    /// The real handler of a queue, fed from a queue of the test's own (so no other driver competes for its messages),
    /// counting the deliveries of each message.
    /// </summary>
    private sealed class CountedFunction(IQueueFunction real, string queueName) : IQueueFunction
    {
        private int _deliveries;

        public string Name => real.Name;

        public string QueueName => queueName;

        public int Deliveries => Volatile.Read(ref _deliveries);

        public Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _deliveries, deliveries.Count);
            return real.HandleAsync(deliveries, cancellationToken);
        }
    }

    [Theory]
    [InlineData(StorageNames.ScoringQueue)]
    [InlineData(StorageNames.BatchQueue)]
    public async Task A_message_that_always_fails_is_delivered_exactly_max_dequeue_count_times_then_moved_to_the_poison_queue(string realQueue)
    {
        var services = pipeline.App.Services;
        IQueueFunction[] handlers = [services.GetRequiredService<ScoreAssessmentHandler>(), services.GetRequiredService<IngestBatchHandler>()];
        var real = handlers.Single(h => h.QueueName == realQueue);
        var queue = pipeline.App.Storage.Queue($"{realQueue[..6]}-{Guid.NewGuid():N}"[..24]);
        var poison = pipeline.App.Storage.Queue(queue.Name + StorageNames.PoisonSuffix);
        await queue.CreateAsync();
        await poison.CreateAsync();
        var function = new CountedFunction(real, queue.Name);
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var poisoned = new MetricCollector<long>(meters, "ExportReadiness", "exportreadiness.queue.poisoned");
        using var retries = new MetricCollector<long>(meters, "ExportReadiness", "exportreadiness.queue.retries");
        int OfThisQueue(MetricCollector<long> collector) =>
            collector.GetMeasurementSnapshot().Count(m => (string?)m.Tags["messaging.destination.name"] == queue.Name);
        var worker = ActivatorUtilities.CreateInstance<QueueTriggerWorker>(services, (IQueueFunction)function);
        var message = $"not json {Guid.NewGuid():N}";
        await queue.SendMessageAsync(message);

        await worker.StartAsync(default);
        try
        {
            await Until.TrueAsync(async () => (await poison.PeekMessagesAsync(1)).Value.Length == 1, "the message reached the poison queue");
            await Until.TrueAsync(() => OfThisQueue(poisoned) == 1, "the poisoned message was counted");
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(Options.MaxDequeueCount, function.Deliveries);
        // Every delivery after the first is a retry; the last one's failure is the poison the operator is alerted to.
        Assert.Equal((Options.MaxDequeueCount - 1, 1), (OfThisQueue(retries), OfThisQueue(poisoned)));
        Assert.Equal(message, (await poison.PeekMessagesAsync(1)).Value.Single().Body.ToString());
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await queue.DeleteAsync();
        await poison.DeleteAsync();
    }
}
