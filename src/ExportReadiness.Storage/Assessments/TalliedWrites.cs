using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// Writes assessment rows and moves the programme's report tallies by what the rows change, in one transaction per
/// programme and chunk: the rows as they were (by their ETags) are taken away, the rows as written added, and a product
/// whose progress or funnel changed has its figures rewritten on its first assessment. A row that changed since it was
/// read is left out and reported unwritten, as a conditional write always did; a tally shard that moved meanwhile is read
/// again and the transaction retried.
/// </summary>
internal sealed partial class TalliedWrites(TableClient assessments, TallyShards shards, Func<string, CancellationToken, Task<string?>> programmeOf)
{
    /// <summary>Rows per transaction, leaving room for first assessments' figures and the shard (100 steps at most).</summary>
    private const int ChunkSize = 90;
    private const int MaxAttempts = 12;
    private const int MaxRemembered = 50_000;

    /// <summary>
    /// Rows as last read or written, by (programme, id), without answers: a write names the version it replaces by its
    /// ETag, and finding that version here saves reading it again. Only ever used when the ETags match.
    /// </summary>
    private readonly ConcurrentDictionary<(string Programme, string Id), Known> _known = new();

    private readonly HeldShards _held = new(shards);

    /// <summary>
    /// A row without its answers, and (for a scored first assessment) the destination figures its answers give, which its
    /// product's figures need while they are not kept on the row.
    /// </summary>
    private sealed record Known(Assessment Row, DestinationFigures? Destination)
    {
        public ProductFigures Alone => ProductFigures.Of(Row, Destination);
    }

    public void Remember(Assessment a)
    {
        if (a.ConcurrencyToken is not null) Keep(KnownOf(a));
    }

    private void Keep(Known known)
    {
        if (_known.Count >= MaxRemembered) _known.Clear();
        _known[(known.Row.Programme, known.Row.Id)] = known;
    }

    private static Known KnownOf(Assessment a) => new(Slim(a),
        a.ProductId == a.Id && a.Status == AssessmentStatus.Scored && a.Result is not null ? DestinationFigures.Of(a, Core.Questionnaire.QuestionnaireSchema.V1) : null);

    private static Assessment Slim(Assessment a) => a with
    {
        Answers = Empty,
        Result = a.Result is { } r ? r with { TopGaps = [], Explanation = null } : null,
    };

    private static readonly IReadOnlyDictionary<string, Core.Questionnaire.Answer> Empty = new Dictionary<string, Core.Questionnaire.Answer>();

    /// <summary>
    /// Adds (<paramref name="add"/>) or conditionally replaces the rows; returns the ids written. A few chunks at once: each
    /// holds a shard of its own, and a chunk's round trips are what a batch's ingest waits on.
    /// </summary>
    public async Task<IReadOnlySet<string>> WriteAsync(IReadOnlyList<Assessment> rows, bool add, CancellationToken cancellationToken)
    {
        var chunks = rows.GroupBy(r => r.Programme).SelectMany(p => p.DistinctBy(r => r.Id).Chunk(ChunkSize).Select(c => (Programme: p.Key, Rows: c.ToList()))).ToList();
        // One chunk (a web submission, its scoring, a review) stays on the caller's flow.
        if (chunks.Count == 1) return await WriteChunkAsync(chunks[0].Programme, chunks[0].Rows, add, cancellationToken);
        var each = new IReadOnlySet<string>[chunks.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), new ParallelOptions { MaxDegreeOfParallelism = ChunksAtOnce, CancellationToken = cancellationToken },
            async (i, ct) => each[i] = await WriteChunkAsync(chunks[i].Programme, chunks[i].Rows, add, ct));
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ids in each) written.UnionWith(ids);
        return written;
    }

    /// <summary>Three: a first 10,000-row batch took a median 9.7 s against 11.2 s one at a time (bench/README.md), on two cores.</summary>
    private const int ChunksAtOnce = 3;

    /// <summary>
    /// Rewrites the product's figures (on its first assessment) with <paramref name="change"/> and moves the tallies by the
    /// difference; false when the product has no first assessment.
    /// </summary>
    public async Task<bool> UpdateProductAsync(string productId, Func<Assessment, ProductFigures, ProductFigures> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await programmeOf(productId, cancellationToken) is not { } programme) return false;
            var row = await assessments.GetEntityIfExistsAsync<TableEntity>(programme, productId, cancellationToken: cancellationToken);
            if (!row.HasValue) return false;
            var first = AssessmentEntityMapper.FromEntity(row.Value!);
            var before = first.ProductFigures ?? ProductFigures.Of(first);
            var after = change(first, before);
            if (before.SameAs(after) && first.ProductFigures is not null) return true;
            var delta = new TallyCells();
            delta[first.Company.Sector, first.Company.Region].AddProduct(before, -1);
            delta[first.Company.Sector, first.Company.Region].AddProduct(after);
            if ((await TrySubmitAsync(programme, [FiguresStep(first, after)], 0, delta, cancellationToken)).Done) return true;
        }
        throw new InvalidOperationException($"The figures of product {productId} kept changing while they were written.");
    }

    private async Task<IReadOnlySet<string>> WriteChunkAsync(string programme, List<Assessment> rows, bool add, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var pending = rows;
        for (var attempt = 0; attempt < MaxAttempts && pending.Count > 0; attempt++)
        {
            var olds = add ? new Dictionary<string, Known?>() : await StoredVersionsAsync(programme, pending, cancellationToken);
            // Replacing a row that changed since it was read (or is gone) writes nothing: the caller reads again and retries.
            if (!add) pending = pending.Where(r => olds[r.Id] is { } old && (r.ConcurrencyToken is null || r.ConcurrencyToken == old.Row.ConcurrencyToken)).ToList();
            if (pending.Count == 0) break;
            var plan = await PlanAsync(programme, pending, olds, cancellationToken);
            if (plan.Steps.Count + 1 + plan.Batches.Count > TableKeys.MaxTransactionSize && pending.Count > 1)
            {
                // Many re-assessments of products outside the chunk: halve it.
                var half = pending.Count / 2;
                written.UnionWith(await WriteChunkAsync(programme, pending[..half], add, cancellationToken));
                written.UnionWith(await WriteChunkAsync(programme, pending[half..], add, cancellationToken));
                return written;
            }
            var outcome = await TrySubmitAsync(programme, plan.Steps, pending.Count, plan.Delta, cancellationToken, plan.Batches);
            if (!outcome.Done && add)
            {
                // Some rows exist already (a re-run, or another instance added them): an add never overwrites; the rest go again.
                pending = await WithoutExistingAsync(programme, pending, cancellationToken);
                continue;
            }
            if (outcome.FailedRow is { } failed)
            {
                // That row changed since it was read: it is not ours to write; the rest go again.
                pending = pending.Where((_, i) => i != failed).ToList();
                continue;
            }
            if (!outcome.Done) continue; // the shard or a first assessment moved meanwhile: read again
            for (var i = 0; i < pending.Count; i++)
            {
                written.Add(pending[i].Id);
                // As written, with the destination figures the plan worked out already (a product's figures while none are kept).
                if (i < outcome.ETags.Count && outcome.ETags[i] is { } etag)
                    Keep(new Known(Slim(plan.Rows[i] with { ConcurrencyToken = etag.ToString() }), plan.Alone.GetValueOrDefault(pending[i].Id)));
            }
            // A re-assessment in another programme than its product's first assessment: that product's figures move in
            // their own partition, after this transaction (the nightly reconcile repairs them if this process stops here).
            foreach (var (productId, row, wasScored) in plan.Elsewhere)
                await UpdateProductAsync(productId, (_, figures) => figures.Observing(row, wasScored), cancellationToken);
            return written;
        }
        if (pending.Count > 0 && add) throw new InvalidOperationException($"Rows of programme {programme} could not be written: their tally kept moving.");
        return written;
    }

    private sealed record Plan(List<Assessment> Rows, List<TableTransactionAction> Steps, TallyCells Delta, List<(string ProductId, Assessment Row, bool WasScored)> Elsewhere,
        Dictionary<string, DestinationFigures?> Alone, Dictionary<string, int> Batches);

    /// <summary>The rows' steps (in their order, first), the first assessments' figures, and the tally difference.</summary>
    private async Task<Plan> PlanAsync(string programme, List<Assessment> pending, Dictionary<string, Known?> olds, CancellationToken cancellationToken)
    {
        var delta = new TallyCells();
        var batches = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = pending.ToList();
        var index = rows.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        // Per product of this partition touched here: its first assessment (as stored, or as written in this chunk), its
        // figures as counted in the delta so far and as they become, and whether they are (to be) kept on the row.
        var products = new Dictionary<string, ProductChange>(StringComparer.Ordinal);
        var elsewhere = new List<(string, Assessment, bool)>();
        var alone = new Dictionary<string, DestinationFigures?>(StringComparer.Ordinal);

        // First assessments before re-assessments, so a re-assessment in the same chunk builds on its product's new figures.
        foreach (var i in Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].ProductId == rows[i].Id ? 0 : 1))
        {
            var row = rows[i];
            var known = olds.GetValueOrDefault(row.Id);
            var old = known?.Row;
            if (old is not null) delta[old.Company.Sector, old.Company.Region].AddAssessment(old, -1);
            delta[row.Company.Sector, row.Company.Region].AddAssessment(row);
            CountScored(batches, old, -1);
            CountScored(batches, row, 1);
            var wasScored = old is { Status: AssessmentStatus.Scored, Result: not null };
            if (row.ProductId == row.Id)
            {
                var stored = old is null ? row.ProductFigures : old.ProductFigures;
                if (old is not null) delta[old.Company.Sector, old.Company.Region].AddProduct(stored ?? known!.Alone, -1);
                var after = stored is null ? ProductFigures.Of(row) : stored.Observing(row, wasScored);
                if (stored is null) alone[row.Id] = after.Destination;
                delta[row.Company.Sector, row.Company.Region].AddProduct(after);
                products[row.Id] = new ProductChange(row, after, after, stored is not null);
                continue;
            }
            if (row.Status != AssessmentStatus.Scored || row.Result is null) continue;
            if (products.TryGetValue(row.ProductId, out var change))
            {
                products[row.ProductId] = change with { After = change.After.Observing(row, wasScored), Kept = true };
                continue;
            }
            var firstProgramme = await programmeOf(row.ProductId, cancellationToken);
            if (firstProgramme is null) continue; // an orphan re-assessment: no product to move
            if (firstProgramme != programme)
            {
                elsewhere.Add((row.ProductId, row, wasScored));
                continue;
            }
            if (await StoredVersionAsync(programme, row.ProductId, null, cancellationToken) is not { } first) continue;
            var figures = first.Row.ProductFigures ?? first.Alone;
            products[row.ProductId] = new ProductChange(first.Row, figures, figures.Observing(row, wasScored), true);
        }

        foreach (var p in products.Values.Where(p => !p.Counted.SameAs(p.After)))
        {
            delta[p.First.Company.Sector, p.First.Company.Region].AddProduct(p.Counted, -1);
            delta[p.First.Company.Sector, p.First.Company.Region].AddProduct(p.After);
        }
        var steps = new List<TableTransactionAction>(rows.Count + 8);
        // Rows first, in order, so a failed step's index names its row.
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.ProductId == row.Id) rows[i] = row = row with { ProductFigures = products[row.Id] is { Kept: true } p ? p.After : null };
            if (olds.GetValueOrDefault(row.Id) is not { } old)
            {
                steps.Add(new TableTransactionAction(TableTransactionActionType.Add, AssessmentEntityMapper.ToEntity(row with { ConcurrencyToken = null })));
                continue;
            }
            var merge = OnlyGainsOutcome(old.Row, row);
            steps.Add(new TableTransactionAction(merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace,
                merge ? AssessmentEntityMapper.OutcomeEntity(row) : AssessmentEntityMapper.ToEntity(row with { ConcurrencyToken = null }), new ETag(old.Row.ConcurrencyToken!)));
        }
        foreach (var p in products.Values.Where(p => !index.ContainsKey(p.First.Id) && !p.Counted.SameAs(p.After)))
            steps.Add(FiguresStep(p.First, p.After));
        delta.Prune();
        foreach (var batch in batches.Where(b => b.Value == 0).Select(b => b.Key).ToList()) batches.Remove(batch);
        return new Plan(rows, steps, delta, elsewhere, alone, batches);
    }

    /// <summary>
    /// Whether <paramref name="row"/> is the stored Pending row (as of its ETag) scored or failed, and nothing else: the
    /// stored one has no result, failure or review, and the rest is the same. Then a merge of the outcome's columns leaves
    /// what a replace would, and scoring does not send the answers and company profile back, nor does the emulator or
    /// service parse them again. A merge cannot remove a column, so anything else (a re-score, a failed row scored, a
    /// review) replaces the row, and so does a write that leaves the row Pending. The answers are not compared (the
    /// <see cref="Known"/> rows do not hold them): an outcome is worked out from the answers read, and writes them unchanged.
    /// </summary>
    private static bool OnlyGainsOutcome(Assessment stored, Assessment row) =>
        stored is { Status: AssessmentStatus.Pending, Result: null, FailureReason: null, Review: null }
        && row.Status is AssessmentStatus.Scored or AssessmentStatus.Failed
        && (row.ProductFigures is not null || stored.ProductFigures is null)
        && WithoutOutcome(stored) == WithoutOutcome(row);

    private static Assessment WithoutOutcome(Assessment a) => a with
    {
        ProductId = a.ProductId, // the product as read, whether it was set or followed from the id
        Answers = Empty,
        Status = AssessmentStatus.Pending,
        Result = null,
        FailureReason = null,
        ProductFigures = null,
        ConcurrencyToken = null,
    };

    /// <summary>Moves the count of its batch's Scored rows by a batch row that is (or was, <paramref name="sign"/> −1) Scored.</summary>
    private static void CountScored(Dictionary<string, int> batches, Assessment? row, int sign)
    {
        if (row is { BatchId: { } batch, Status: AssessmentStatus.Scored, Result: not null }) batches[batch] = batches.GetValueOrDefault(batch) + sign;
    }

    private sealed record ProductChange(Assessment First, ProductFigures Counted, ProductFigures After, bool Kept);

    /// <summary>Only the figures, merged into the first assessment's row if it is as it was read.</summary>
    private static TableTransactionAction FiguresStep(Assessment first, ProductFigures figures) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(first.Programme, first.Id) { [AssessmentEntityMapper.ProductFiguresProperty] = AssessmentEntityMapper.FiguresJson(figures) },
            new ETag(first.ConcurrencyToken!));

    /// <summary>Drops the rows that exist already: an add never overwrites.</summary>
    private async Task<List<Assessment>> WithoutExistingAsync(string programme, List<Assessment> rows, CancellationToken cancellationToken)
    {
        var exists = await Task.WhenAll(rows.Select(async r =>
            (await assessments.GetEntityIfExistsAsync<TableEntity>(programme, r.Id, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue));
        return rows.Where((_, i) => !exists[i]).ToList();
    }

    private async Task<Dictionary<string, Known?>> StoredVersionsAsync(string programme, List<Assessment> rows, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(rows.Select(r => StoredVersionAsync(programme, r.Id, r.ConcurrencyToken, cancellationToken)));
        return rows.Select((r, i) => (r.Id, found[i])).ToDictionary(x => x.Id, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>The row as stored: from memory when its ETag is the one named, else read.</summary>
    private async Task<Known?> StoredVersionAsync(string programme, string id, string? etag, CancellationToken cancellationToken)
    {
        if (etag is not null && _known.TryGetValue((programme, id), out var known) && known.Row.ConcurrencyToken == etag) return known;
        var row = await assessments.GetEntityIfExistsAsync<TableEntity>(programme, id, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var stored = KnownOf(AssessmentEntityMapper.FromEntity(row.Value!));
        Keep(stored);
        return stored;
    }
}
