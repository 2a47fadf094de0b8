using System.Diagnostics;
using System.Text.Json;
using ExportReadiness.Storage.Telemetry;

namespace ExportReadiness.Application.Telemetry;

/// <summary>Reads the trace context a queue message carries (written by <see cref="TraceStamp"/>).</summary>
public static class MessageTrace
{
    /// <summary>
    /// The sender's span context, or null when the message has none, or one that is not valid W3C: telemetry never fails
    /// a message, so a malformed context only costs the link to the sender's trace.
    /// </summary>
    public static ActivityContext? ParentOf(string messageText)
    {
        try
        {
            using var document = JsonDocument.Parse(messageText);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var traceParent = Queues.MessageJson.Text(document.RootElement, TraceStamp.TraceParent);
            var traceState = Queues.MessageJson.Text(document.RootElement, TraceStamp.TraceState);
            return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
