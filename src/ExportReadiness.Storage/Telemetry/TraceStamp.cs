using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportReadiness.Storage.Telemetry;

/// <summary>
/// Writes a queue message's JSON with the W3C trace context (<c>traceparent</c>, <c>tracestate</c>) of the activity that
/// sends it, so the handler that takes the message continues the sender's trace: one trace per submission from its HTTP
/// request through the queue to its score, and a batch's slices in the trace of the ingest that wrote them. Without a
/// current W3C activity (no telemetry listening) the message is as it always was.
/// </summary>
public static class TraceStamp
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static string Serialize<T>(T message, JsonSerializerOptions json)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity) return JsonSerializer.Serialize(message, json);
        var node = JsonSerializer.SerializeToNode(message, json)!.AsObject();
        node[TraceParent] = activity.Id;
        if (!string.IsNullOrEmpty(activity.TraceStateString)) node[TraceState] = activity.TraceStateString;
        return node.ToJsonString(json);
    }
}
