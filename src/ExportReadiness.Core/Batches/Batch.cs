using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Batches;

[JsonConverter(typeof(JsonStringEnumConverter<BatchStatus>))]
public enum BatchStatus
{
    Accepted,
    Ingesting,
    Ingested,

    /// <summary>Ingesting failed on every delivery; <see cref="Batch.FailureReason"/> says why. Re-posting the file tries again.</summary>
    Failed,
}

/// <summary>
/// An uploaded CSV of questionnaires. Its id is derived from the content (and default programme), so the
/// same file posted twice is the same batch.
/// </summary>
public sealed record Batch
{
    public required string Id { get; init; }
    public required string DefaultProgramme { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public required long SizeBytes { get; init; }
    public BatchStatus Status { get; init; } = BatchStatus.Accepted;
    public int Rows { get; init; }
    public int Accepted { get; init; }
    public int Rejected { get; init; }
    public DateTimeOffset? IngestedAt { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>
    /// The last line whose row is stored and whose scoring message is sent; <see cref="Rows"/>, <see cref="Accepted"/>
    /// and <see cref="Rejected"/> count up to it. An ingest delivered again resumes after it, so the counts go on
    /// from there instead of starting over.
    /// </summary>
    public long CheckpointLine { get; init; }

    /// <summary>
    /// The programmes of the rows stored so far, ordinal order: the partitions holding the batch's rows, so counting them
    /// reads those partitions' key range of this batch and never the whole table. Empty for batches ingested before it was kept.
    /// </summary>
    public IReadOnlyList<string> Programmes
    {
        get => _programmes.Length == 0 ? [] : _programmes.Split('\n');
        init => _programmes = string.Join('\n', value);
    }

    // Kept as one string so two batches with the same programmes are equal, as records are: programme ids have no line breaks.
    private readonly string _programmes = "";

    /// <summary>
    /// Whether the store keeps a count of the batch's Scored rows as it writes them
    /// (<see cref="Assessments.IAssessmentStore.ScoredInBatchAsync"/>): true for every batch uploaded since it does. One
    /// uploaded before has its rows counted instead.
    /// </summary>
    public bool ScoredCountKept { get; init; }

    /// <summary>The store's version of the batch row (an ETag in Table Storage); not part of the batch's JSON.</summary>
    [JsonIgnore]
    public string? ConcurrencyToken { get; init; }

    /// <summary>Assessment ids of a batch: its id's first 16 characters and the line, so a re-run makes the same ids.</summary>
    public string AssessmentId(long line) => BatchAssessmentIds.Of(Id[..BatchAssessmentIds.PrefixLength], line);
}

/// <summary>
/// A rejected line and why, in English (<see cref="Reason"/>) and the default language, Swedish (<see cref="ReasonSv"/>):
/// the ingest writes the reason long before anyone reads it, so it keeps both and the reader's request picks one. Rows
/// written before reasons were bilingual, and the outcome reports (English), have no Swedish one.
/// </summary>
public sealed record RejectedRow(long Line, string Reason, [property: System.Text.Json.Serialization.JsonIgnore] string? ReasonSv = null)
{
    /// <summary>The reason in <paramref name="lang"/>: English for "en", else the default language's (as texts missing in a
    /// language fall back to it), else English when no Swedish one was kept.</summary>
    public string ReasonIn(string lang) => lang == "en" ? Reason : ReasonSv ?? Reason;
}

public interface IBatchStore
{
    Task<Batch?> GetAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>False when a batch with this id exists already.</summary>
    Task<bool> TryAddAsync(Batch batch, CancellationToken cancellationToken);

    Task SaveAsync(Batch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the batch if nobody changed it since it was read (its <see cref="Batch.ConcurrencyToken"/>): the batch
    /// as saved, with its new version, or null when someone did.
    /// </summary>
    Task<Batch?> TryReplaceAsync(Batch batch, CancellationToken cancellationToken);

    Task SaveInputAsync(string batchId, Stream content, CancellationToken cancellationToken);

    Task<Stream> OpenInputAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>A new (or replacing) file for the batch's rejected lines; see <see cref="RejectionLog"/>.</summary>
    Task<Stream> CreateRejectionsAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>The rejected lines as written, or null before the batch was ingested.</summary>
    Task<Stream?> OpenRejectionsAsync(string batchId, CancellationToken cancellationToken);
}

/// <summary>The queue of uploaded batches waiting to be ingested.</summary>
public interface IBatchQueue
{
    /// <summary>Asks for the batch to be ingested (again: ingesting is idempotent).</summary>
    Task EnqueueIngestAsync(string batchId, CancellationToken cancellationToken);
}
