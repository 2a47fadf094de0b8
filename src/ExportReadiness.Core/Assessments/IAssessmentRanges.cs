namespace ExportReadiness.Core.Assessments;

/// <summary>
/// The assessments by key (programme, then id), for splitting work over the table without reading its rows: each call
/// answers from the keys' order, a storage call per answer however many rows lie between.
/// </summary>
public interface IAssessmentRanges
{
    /// <summary>The first programme after <paramref name="after"/> (null: the first of all) that has assessments; null when none.</summary>
    Task<string?> NextProgrammeAsync(string? after, CancellationToken cancellationToken);

    /// <summary>The first id at or after <paramref name="from"/> in the programme; null when none.</summary>
    Task<string?> FirstIdAsync(string programme, string from, CancellationToken cancellationToken);

    /// <summary>
    /// The programme's Scored assessments with ids in [<paramref name="from"/>, <paramref name="to"/>) that were not scored by
    /// <paramref name="version"/>, in id order, streamed page by page.
    /// </summary>
    IAsyncEnumerable<Assessment> StaleAsync(string programme, string from, string? to, string version, CancellationToken cancellationToken);
}
