using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Functions.Invocations;
using ExportReadiness.Storage;

namespace ExportReadiness.Functions.Scoring;

/// <summary>A queue message that can never be handled, however often it is retried.</summary>
public sealed class MalformedMessageException(string message) : Exception(message);

public static class ScoringMessage
{
    /// <summary>Most assessments one message may carry (one table transaction's worth).</summary>
    public const int MaxAssessmentsPerMessage = 100;

    /// <summary>
    /// Reads <c>{"assessmentId": "…"}</c> (a web submission) or <c>{"assessmentIds": [...], "programme": "…"}</c>
    /// (a slice of a batch), tolerating what the Functions host does to messages: property names in any case
    /// and the whole message JSON-encoded once more as a string.
    /// </summary>
    public static IReadOnlyList<ScoringRequest> Parse(string text)
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
        var programme = HostJson.Property(root, "programme") is { ValueKind: JsonValueKind.String } p && TableKeys.IsValid(p.GetString()!) ? p.GetString() : null;
        var attempt = HostJson.Int(HostJson.Property(root, "attempt"));
        if (HostJson.Property(root, "assessmentIds") is { ValueKind: JsonValueKind.Array } many)
        {
            var ids = many.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList();
            if (ids.Count is 0 or > MaxAssessmentsPerMessage || ids.Any(i => i is null || !TableKeys.IsValid(i)))
                throw new MalformedMessageException($"assessmentIds must hold 1 to {MaxAssessmentsPerMessage} valid ids.");
            return ids.Select(i => new ScoringRequest(i!, attempt, programme)).ToList();
        }
        if (HostJson.Property(root, "assessmentId") is not { ValueKind: JsonValueKind.String } id || id.GetString() is not { } assessmentId || !TableKeys.IsValid(assessmentId))
            throw new MalformedMessageException("The message has no valid assessmentId.");
        return [new ScoringRequest(assessmentId, attempt, programme)];
    }
}
