using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Training;

[JsonConverter(typeof(JsonStringEnumConverter<RescorePartStatus>))]
public enum RescorePartStatus
{
    Queued,
    Done,
    Failed,
}

/// <summary>
/// One piece of a run's re-scoring: the assessments of one programme whose ids fall in [<see cref="From"/>, <see cref="To"/>)
/// (<see cref="To"/> null: to the end). A part that finds more stale rows than one part may hold records where it stopped
/// (<see cref="SplitAt"/>) and hands the rest on as a part of its own, so no part holds more than a few thousand rows.
/// </summary>
public sealed record RescorePart
{
    public required string RunId { get; init; }
    public required string Id { get; init; }
    public required string Programme { get; init; }
    public required string From { get; init; }
    public string? To { get; init; }
    public RescorePartStatus Status { get; init; } = RescorePartStatus.Queued;

    /// <summary>Where this part ends and its remainder (a part from here to <see cref="To"/>) begins; null while unsplit.</summary>
    public string? SplitAt { get; init; }

    public int Rescored { get; init; }
    public int Unscorable { get; init; }
    public DateTimeOffset? SettledAt { get; init; }
    public string? Error { get; init; }

    /// <summary>When the store last wrote the part (its clock); a Queued part untouched for long has lost its message.</summary>
    public DateTimeOffset? WrittenAt { get; init; }

    /// <summary>The stored row's version; a replace is conditional on it.</summary>
    public string? ConcurrencyToken { get; init; }

    [JsonIgnore]
    public bool Settled => Status != RescorePartStatus.Queued;

    /// <summary>The last key this part covers, exclusive: where it was split, else where its range ends.</summary>
    [JsonIgnore]
    public string? End => SplitAt ?? To;

    /// <summary>
    /// A part's id follows from where it starts, so every delivery that splits a part off names the same one and adding it
    /// twice is no work. Hashed: ids may hold any characters a key allows and be long.
    /// </summary>
    public static string IdOf(string programme, string from) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{programme}\n{from}")))[..24];

    public static RescorePart Of(string runId, string programme, string from, string? to) =>
        new() { RunId = runId, Id = IdOf(programme, from), Programme = programme, From = from, To = to };
}
