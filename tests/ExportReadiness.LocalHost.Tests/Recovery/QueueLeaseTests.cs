using ExportReadiness.Application.Hosting;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests.Recovery;

/// <summary>The local queue driver's lease: short, so a dead worker's message comes back soon; renewed, so a slow handler keeps its message.</summary>
[Collection(PipelineCollection.Name)]
public class QueueLeaseTests(PipelineFixture pipeline)
{
    /// <summary>A handler that takes its time: several leases long.</summary>
    private sealed class SlowFunction(string queueName, TimeSpan duration) : IQueueFunction
    {
        private int _calls;
        private int _done;

        public string Name => "Slow";

        public string QueueName => queueName;

        public int Calls => Volatile.Read(ref _calls);

        public bool Done => Volatile.Read(ref _done) > 0;

        public async Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _calls, deliveries.Count);
            await Task.Delay(duration, cancellationToken);
            Interlocked.Exchange(ref _done, 1);
            return deliveries.Select(_ => DeliveryResult.Done("slow")).ToList();
        }
    }

    [Fact]
    public async Task A_message_handled_for_several_leases_stays_hidden_meanwhile_and_is_handled_once()
    {
        var queue = pipeline.App.Storage.Queue($"lease-{Guid.NewGuid():N}"[..24]);
        await queue.CreateAsync();
        // Renewals every half second against a 5-s lease: one would have to be 4.5 s late (a starved CI machine
        // has made a 1.5-s lease miss) for the message to come back while its handler still runs.
        var function = new SlowFunction(queue.Name, TimeSpan.FromSeconds(12));
        var settings = Options.Create(new QueueTriggerOptions
        {
            ProcessingLease = TimeSpan.FromSeconds(5), ProcessingLeaseRenewal = TimeSpan.FromSeconds(0.5), MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        });
        var worker = ActivatorUtilities.CreateInstance<QueueTriggerWorker>(pipeline.App.Services, function, settings);
        await queue.SendMessageAsync("{}");

        await worker.StartAsync(default);
        try
        {
            await Until(() => function.Calls > 0);
            // More than two leases long: without renewal another poller would have received it again by now.
            while (!function.Done)
            {
                Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
                await Task.Delay(200);
            }
            // Deleted with the pop receipt of the last renewal: the queue empties instead of the message coming back.
            await Until(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
            await Task.Delay(settings.Value.ProcessingLease * 2);
            Assert.Equal(1, function.Calls);
            Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
        finally
        {
            await worker.StopAsync(default);
            await queue.DeleteAsync();
        }
    }

    [Fact]
    public void The_lease_is_short_and_renewed_well_within_it_by_default()
    {
        var defaults = new QueueTriggerOptions();
        Assert.True(defaults.ProcessingLease <= TimeSpan.FromSeconds(30), "a dead process's message reappears within half a minute");
        Assert.True(defaults.ProcessingLeaseRenewal * 3 <= defaults.ProcessingLease, "two renewals may fail before the lease runs out");
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }
}
