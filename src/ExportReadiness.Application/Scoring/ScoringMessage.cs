using System.Text.Json;
using ExportReadiness.Application.Queues;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Application.Scoring;

public static class ScoringMessage
{
    /// <summary>Most assessments one message may carry (one table transaction's worth).</summary>
    public const int MaxAssessmentsPerMessage = 100;

    /// <summary>
    /// Reads <c>{"assessmentId": "…"}</c> (a web submission) or <c>{"assessmentIds": [...], "programme": "…"}</c>
    /// (a slice of a batch, with <c>"slice": true</c> when it names every row of the slice), as the scoring queue's adapter
    /// writes them.
    /// </summary>
    public static IReadOnlyList<ScoringRequest> Parse(string text)
    {
        var root = MessageJson.Object(text);
        var programme = MessageJson.Text(root, "programme") is { } p && Identifiers.IsValid(p) ? p : null;
        var attempt = MessageJson.Property(root, "attempt") is { ValueKind: JsonValueKind.Number } a && a.TryGetInt32(out var n) ? n : (int?)null;
        if (MessageJson.Property(root, "assessmentIds") is { ValueKind: JsonValueKind.Array } many)
        {
            var ids = many.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList();
            if (ids.Count is 0 or > MaxAssessmentsPerMessage || ids.Any(i => !Identifiers.IsValid(i)))
                throw new MalformedMessageException($"assessmentIds must hold 1 to {MaxAssessmentsPerMessage} valid ids.");
            var wholeSlice = MessageJson.Property(root, "slice") is { ValueKind: JsonValueKind.True };
            return ids.Select(i => new ScoringRequest(i!, attempt, programme, wholeSlice)).ToList();
        }
        if (MessageJson.Text(root, "assessmentId") is not { } assessmentId || !Identifiers.IsValid(assessmentId))
            throw new MalformedMessageException("The message has no valid assessmentId.");
        return [new ScoringRequest(assessmentId, attempt, programme)];
    }
}
