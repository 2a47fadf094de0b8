using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Functions.Invocations;
using ExportReadiness.Storage;

namespace ExportReadiness.Functions.Scoring;

/// <summary>A queue message that can never be handled, however often it is retried.</summary>
public sealed class MalformedMessageException(string message) : Exception(message);

public static class ScoringMessage
{
    /// <summary>
    /// Reads <c>{"assessmentId": "…"}</c>, tolerating what the Functions host does to messages: property
    /// names in any case and the whole message JSON-encoded once more as a string.
    /// </summary>
    public static ScoringRequest Parse(string text)
    {
        JsonElement root;
        try
        {
            root = HostJson.Unwrap(JsonDocument.Parse(text).RootElement);
        }
        catch (JsonException)
        {
            throw new MalformedMessageException("The message is not JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new MalformedMessageException("The message is not a JSON object.");
        var id = HostJson.Property(root, "assessmentId");
        if (id is not { ValueKind: JsonValueKind.String } || id.Value.GetString() is not { } assessmentId || !TableKeys.IsValid(assessmentId))
            throw new MalformedMessageException("The message has no valid assessmentId.");
        return new ScoringRequest(assessmentId, HostJson.Int(HostJson.Property(root, "attempt")));
    }
}
