using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests.Queues;

/// <summary>The local queue driver's lease: short, so a dead worker's message comes back soon; renewed, so a slow handler keeps its message.</summary>
[Collection(PipelineCollection.Name)]
public class QueueLeaseTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_message_handled_for_longer_than_two_leases_stays_hidden_meanwhile_and_is_handled_once()
    {
        var queue = pipeline.App.Storage.Queue($"lease-{Guid.NewGuid():N}"[..24]);
        var control = pipeline.App.Storage.Queue($"lease-clock-{Guid.NewGuid():N}"[..24]);
        await queue.CreateAsync();
        await control.CreateAsync();
        // Renewed ten times per lease: one renewal would have to be 2.7 s late for the message to come back meanwhile.
        var settings = Options.Create(new QueueTriggerOptions
        {
            ProcessingLease = TimeSpan.FromSeconds(3), ProcessingLeaseRenewal = TimeSpan.FromSeconds(0.3), MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        });
        var function = new GatedFunction(queue.Name);
        var worker = ActivatorUtilities.CreateInstance<QueueTriggerWorker>(pipeline.App.Services, function, settings);
        await queue.SendMessageAsync("{}");

        await worker.StartAsync(default);
        try
        {
            await Until.TrueAsync(() => function.Calls > 0, "the message was delivered");
            for (var lease = 1; lease <= 2; lease++)
            {
                // Storage's own clock says when a lease has run out: a message hidden as long, sent after ours was
                // received and never renewed, is visible again. Ours must still be hidden.
                await control.SendMessageAsync("tick", visibilityTimeout: settings.Value.ProcessingLease);
                await Until.TrueAsync(async () => (await control.PeekMessagesAsync(1)).Value.Length == 1, $"lease {lease} ran out");
                Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
                await control.ClearMessagesAsync();
            }

            function.Open();
            // The count includes hidden messages: at 0 the message is deleted, not merely hidden, and cannot come back.
            await Until.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the handled message was deleted");
            Assert.Equal(1, function.Calls);
        }
        finally
        {
            await worker.StopAsync(default);
            await queue.DeleteAsync();
            await control.DeleteAsync();
        }
    }

    [Fact]
    public void The_lease_is_short_and_renewed_well_within_it_by_default()
    {
        var defaults = new QueueTriggerOptions();
        Assert.True(defaults.ProcessingLease <= TimeSpan.FromSeconds(30), "a dead process's message reappears within half a minute");
        Assert.True(defaults.ProcessingLeaseRenewal * 3 <= defaults.ProcessingLease, "two renewals may fail before the lease runs out");
    }
}
