using ExportReadiness.Application.Queues;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Application.Rescoring;

/// <summary>A <c>rescore-parts</c> message: <c>{"runId", "partId"}</c>; the part's row holds its range.</summary>
public static class RescorePartMessage
{
    public static (string RunId, string PartId) Parse(string text)
    {
        var root = MessageJson.Object(text);
        if (MessageJson.Text(root, "runId") is not { } runId || !Identifiers.IsValid(runId)) throw new MalformedMessageException("The message has no valid runId.");
        if (MessageJson.Text(root, "partId") is not { } partId || !Identifiers.IsValid(partId)) throw new MalformedMessageException("The message has no valid partId.");
        return (runId, partId);
    }
}
