using ExportReadiness.Core.Batches;

namespace ExportReadiness.Core.Training;

/// <summary>
/// An outcome file an agency keeps as training labels: what became of companies it knows (the validation formats: the
/// batch CSV with <c>outcome</c>, or a WBES country file). Its name, the date the outcomes were observed, where they come
/// from and what "export-ready" meant in it are kept with it, so a model card can say what the model learned from.
/// </summary>
public sealed record OutcomeSet
{
    /// <summary>A digest of the format and the file's bytes: the same file uploaded again is the same set.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Source { get; init; }

    /// <summary>What the outcome means in this file (e.g. "exported within three years of the assessment").</summary>
    public required string Definition { get; init; }

    /// <summary>When the outcomes were observed.</summary>
    public required DateOnly OutcomeDate { get; init; }

    /// <summary><c>batch</c> or <c>wbes</c>.</summary>
    public required string Format { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public required string UploadedBy { get; init; }
    public required int Rows { get; init; }
    public required int Positives { get; init; }
    public required int RejectedRows { get; init; }

    /// <summary>The first rejected lines with their reasons (every one is counted in <see cref="RejectedRows"/>).</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Kept outcome sets and their labelled rows (Azure Storage: a table row per set, a blob of rows).</summary>
public interface IOutcomeSetStore
{
    /// <summary>Keeps the set and its rows, unless a set with its id is kept already: then that one, and false.</summary>
    Task<(OutcomeSet Set, bool Created)> AddAsync(OutcomeSet set, IReadOnlyList<LabelledAssessment> rows, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<OutcomeSet>> ListAsync(CancellationToken cancellationToken);

    Task<OutcomeSet?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>False when there was no such set.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>The set's labelled rows, each keyed <c>{setId}:{n}</c>.</summary>
    Task<IReadOnlyList<LabelledAssessment>> RowsAsync(string id, CancellationToken cancellationToken);
}
