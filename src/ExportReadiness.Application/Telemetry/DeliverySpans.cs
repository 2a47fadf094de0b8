using System.Diagnostics;
using ExportReadiness.Application.Queues;

namespace ExportReadiness.Application.Telemetry;

/// <summary>
/// The consumer spans of a batch of queue deliveries, one per message, each continuing the trace whose context its message
/// carries (<see cref="MessageTrace"/>): a submission's trace runs HTTP → queue → scoring. A message without one (written
/// before this, or while nothing listened) starts a trace of its own.
/// </summary>
public sealed class DeliverySpans
{
    private readonly Activity?[] _spans;

    private DeliverySpans(Activity?[] spans) => _spans = spans;

    /// <summary>Handles the deliveries inside their spans, and ends each with what became of its delivery.</summary>
    public static async Task<IReadOnlyList<DeliveryResult>> AroundAsync(string name, string queue, IReadOnlyList<QueueDelivery> deliveries,
        Func<Task<IReadOnlyList<DeliveryResult>>> handle)
    {
        var spans = Start(name, queue, deliveries);
        try
        {
            var results = await handle();
            spans.Settle(results);
            return results;
        }
        catch (Exception e)
        {
            spans.Fail(e);
            throw;
        }
    }

    /// <summary>One delivery handled inside its span, which is current throughout: what it sends carries its trace.</summary>
    public static async Task<DeliveryResult> AroundOneAsync(string name, string queue, QueueDelivery delivery, Func<Task<DeliveryResult>> handle) =>
        (await AroundAsync(name, queue, [delivery], async () => [await handle()]))[0];

    private static DeliverySpans Start(string name, string queue, IReadOnlyList<QueueDelivery> deliveries)
    {
        var caller = Activity.Current;
        var spans = new Activity?[deliveries.Count];
        for (var i = 0; i < spans.Length; i++)
        {
            // Siblings, never each other's parent (a message without a context would otherwise nest under the one before).
            Activity.Current = caller;
            spans[i] = StartOne(name, queue, deliveries[i]);
        }
        // A batch is handled as one piece of work: with several spans, none is the parent of the storage calls that follow.
        // With one (always, under the Functions host) it stays current, so they nest under it.
        if (spans.Length > 1) Activity.Current = caller;
        return new DeliverySpans(spans);
    }

    private static Activity? StartOne(string name, string queue, QueueDelivery delivery)
    {
        var parent = MessageTrace.ParentOf(delivery.Text);
        // Under the Functions host the worker's invocation span is current: linked, so either side leads to the other.
        ActivityLink[]? links = parent is not null && Activity.Current is { } invocation ? [new ActivityLink(invocation.Context)] : null;
        var span = ExportReadinessTelemetry.Source.StartActivity(name, ActivityKind.Consumer, parent ?? default, links: links);
        span?.SetTag(ExportReadinessTelemetry.Tags.Queue, queue);
        span?.SetTag(ExportReadinessTelemetry.Tags.DequeueCount, delivery.DequeueCount);
        return span;
    }

    private void Settle(IReadOnlyList<DeliveryResult> results)
    {
        for (var i = 0; i < _spans.Length; i++) Settle(_spans[i], results[i]);
    }

    /// <summary>Ends every span as failed: the handler threw (cancelled while shutting down) instead of returning results.</summary>
    private void Fail(Exception error)
    {
        foreach (var span in _spans) Settle(span, DeliveryResult.Failed(error));
    }

    /// <summary>An error status names the exception's type, never its message (which may name an id or a value).</summary>
    private static void Settle(Activity? span, DeliveryResult result)
    {
        if (span is null) return;
        if (result.Error is { } error) span.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        else span.SetTag(ExportReadinessTelemetry.Tags.Outcome, result.Outcome);
        span.Dispose();
    }
}
