namespace ExportReadiness.Core.Assessments;

/// <summary>Where assessments live (Table Storage in production).</summary>
public interface IAssessmentStore
{
    /// <summary>Adds a new assessment; adding the same id twice is a no-op, so a retried submission is safe.</summary>
    Task AddAsync(Assessment assessment, CancellationToken cancellationToken);

    /// <summary>Adds many new assessments with as few round trips as the store allows; existing ids are left as they are.</summary>
    Task AddManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken);

    Task<Assessment?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// A product's history (its assessments, <see cref="Assessment.ProductId"/>), oldest first and bounded: its first
    /// assessment and its latest re-assessments, <see cref="ProductHistoryWindow.Limit"/> in all; with
    /// <paramref name="through"/> (an assessment of the product), the latest up to and including that one. Empty for
    /// an unknown product. A bounded number of storage calls, however often the product was re-assessed.
    /// </summary>
    Task<IReadOnlyList<Assessment>> ProductHistoryAsync(string productId, string? through, CancellationToken cancellationToken);

    /// <summary>Many at once; a known programme saves the id lookup. Missing ids are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Assessment>> FindManyAsync(IReadOnlyList<ScoringRequest> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the assessment if nobody changed it since it was read (its <see cref="Assessment.ConcurrencyToken"/>);
    /// returns false when someone did.
    /// </summary>
    Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken);

    /// <summary>One page of matches; pass the returned token back for the next page (null: no more).</summary>
    Task<AssessmentPage> ListAsync(AssessmentQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every match, streamed page by page (reports, exports, re-scoring).</summary>
    IAsyncEnumerable<Assessment> ScanAsync(AssessmentQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The gaps of the scored matches, in <see cref="ScanAsync"/>'s order: only what the programme matcher reads (sector,
    /// region, explanation), so a store may read those columns alone instead of whole rows.
    /// </summary>
    IAsyncEnumerable<Programmes.ProductGaps> ScanGapsAsync(AssessmentQuery query, CancellationToken cancellationToken) =>
        ScanAsync(query with { Status = AssessmentStatus.Scored }, cancellationToken).Select(Programmes.ProductGaps.Of).OfType<Programmes.ProductGaps>();

    /// <summary>How many match, reading keys only (no answers, no results).</summary>
    Task<int> CountAsync(AssessmentQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// How many of a batch's rows in <paramref name="programme"/> are Scored. Table Storage keeps this count with every
    /// write of the rows (a few reads however large the batch); a store that keeps none counts the rows.
    /// </summary>
    Task<int> ScoredInBatchAsync(string programme, string batchId, CancellationToken cancellationToken) =>
        CountAsync(new AssessmentQuery(Programme: programme, Status: AssessmentStatus.Scored, BatchId: batchId), cancellationToken);

    /// <summary>
    /// Replaces many assessments with as few round trips as the store allows (Table Storage: one transaction
    /// per partition and 100 rows), each conditional on its concurrency token. Returns the ids written.
    /// </summary>
    Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites a product's report figures (kept on its first assessment) with <paramref name="change"/>, given the first
    /// assessment and its figures now, and moves the report tallies by the difference; false for an unknown product.
    /// Idempotent: a change that leaves the figures as they are writes nothing.
    /// </summary>
    Task<bool> UpdateProductFiguresAsync(string productId, Func<Assessment, Reports.ProductFigures, Reports.ProductFigures> change, CancellationToken cancellationToken);

    /// <summary>
    /// The report tallies of one programme (or of every programme), by sector and region: kept up to date by every write of
    /// the store, so a report reads these few rows instead of the assessments.
    /// </summary>
    Task<IReadOnlyList<Reports.TallyCell>> TalliesAsync(string? programme, CancellationToken cancellationToken);

    /// <summary>The programmes with kept tallies.</summary>
    Task<IReadOnlyList<string>> TalliedProgrammesAsync(CancellationToken cancellationToken);

    /// <summary>A programme's kept tallies with their version, for the reconcile.</summary>
    Task<Reports.TallySnapshot> TallySnapshotAsync(string programme, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a programme's kept tallies by <paramref name="cells"/> if they are still as <paramref name="seen"/>; false
    /// (nothing written) when a write moved them meanwhile.
    /// </summary>
    Task<bool> ReplaceTalliesAsync(Reports.TallySnapshot seen, IReadOnlyList<Reports.TallyCell> cells, CancellationToken cancellationToken);

    /// <summary>
    /// A programme's destination figures as of the end of <paramref name="asOf"/> (an earlier day), by sector and region,
    /// from the days the nightly reconcile kept (<see cref="Reports.DatedDestinations"/>): null when the store keeps none
    /// that cover that day (none written yet, a later day, or an erasure since), and the caller scans the rows.
    /// </summary>
    Task<IReadOnlyList<Reports.TallyCell>?> DestinationAsOfAsync(string programme, DateOnly asOf, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reports.TallyCell>?>(null);

    /// <summary>Replaces a programme's kept days (<see cref="DestinationAsOfAsync"/>); a store that keeps none ignores them.</summary>
    Task ReplaceDatedDestinationsAsync(Reports.DatedDestinations dated, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Pending assessments not written since <paramref name="writtenBefore"/>, with only what a sweep needs. Read through
    /// the pending index (every Pending row is in it, from before the row is stored): the cost grows with the assessments
    /// still waiting, never with those scored. Index entries of assessments no longer Pending are dropped on the way.
    /// </summary>
    IAsyncEnumerable<PendingAssessment> PendingAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Takes assessments that left Pending (scored, or failed for good) out of the pending index, so the sweep never reads
    /// them again. Idempotent: an assessment not in the index is no work.
    /// </summary>
    Task ForgetPendingAsync(IReadOnlyList<Assessment> settled, CancellationToken cancellationToken);

    /// <summary>
    /// Takes whole slices of batches out of the pending index: each assessment given stands for its batch slice (its
    /// programme's rows of the same hundred lines), every row of which has left Pending. A store that indexes a batch's
    /// rows one by one (the in-memory one) has forgotten them in <see cref="ForgetPendingAsync"/> already.
    /// </summary>
    Task ForgetPendingSlicesAsync(IReadOnlyList<Assessment> slices, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Counts one more re-sent scoring message on a Pending row, if it is unchanged since it was read; false when it
    /// changed (scored meanwhile) or is gone.
    /// </summary>
    Task<bool> TryMarkRequeuedAsync(PendingAssessment pending, CancellationToken cancellationToken);
}

/// <summary>
/// A Pending assessment as the sweeper sees it: when its row was last written (by the store's clock), how often its
/// scoring message was re-sent, and the row's version.
/// </summary>
public sealed record PendingAssessment(string Id, string Programme, DateTimeOffset LastWrittenAt, int Requeues, string ConcurrencyToken);

/// <summary>The raw questionnaire exactly as submitted: written once, never rewritten.</summary>
public interface ISubmissionArchive
{
    Task SaveAsync(string assessmentId, ReadOnlyMemory<byte> rawJson, CancellationToken cancellationToken);

    Task<ReadOnlyMemory<byte>?> GetAsync(string assessmentId, CancellationToken cancellationToken);
}

/// <summary>The queue of assessments waiting to be scored.</summary>
public interface IScoringQueue
{
    Task EnqueueAsync(ScoringRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Enqueues many assessments of one programme as few messages (each listing up to 100 ids): a bulk load
    /// costs a queue operation per hundred assessments, not per assessment.
    /// </summary>
    Task EnqueueManyAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken);

    /// <summary>
    /// One message for every row of one batch slice (at most 100 ids of one programme), marked as the whole slice: once
    /// all are settled, the scorer takes the slice out of the pending index (<see cref="IAssessmentStore.ForgetPendingSlicesAsync"/>).
    /// </summary>
    Task EnqueueSliceAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken) =>
        EnqueueManyAsync(programme, assessmentIds, cancellationToken);
}

/// <summary>A queue message: which assessment to score. Kept as an object so the host never mistakes it for base64.</summary>
/// <remarks>
/// The programme (the row's partition) rides along where known, so scoring needs no id lookup. A batch's
/// message carries <c>assessmentIds</c> instead of one <c>assessmentId</c>, and <c>"slice": true</c> when they are every
/// row of one batch slice (<see cref="WholeSlice"/>).
/// </remarks>
public sealed record ScoringRequest(string AssessmentId, int? Attempt = null, string? Programme = null, bool WholeSlice = false);
