using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using Xunit;
using static ExportReadiness.Testing.Contracts.ContractData;

namespace ExportReadiness.Testing.Contracts;

/// <summary>
/// What every <see cref="IAssessmentStore"/> does, whatever holds the rows: run against the Table Storage adapter on
/// Azurite and against the in-memory fake, so a handler test on the fake proves what it would prove on storage.
/// </summary>
public abstract partial class AssessmentStoreContract
{
    protected abstract IAssessmentStore Store { get; }

    /// <summary>Now by the clock that stamps the store's writes (Azurite's is the machine's; the fake's is the test's).</summary>
    protected abstract DateTimeOffset StoreNow { get; }

    private async Task<List<Assessment>> AddedAsync(string programme, int count)
    {
        var rows = Assessments(programme, count);
        await Store.AddManyAsync(rows, default);
        return rows;
    }

    private async Task<Assessment> ScoredAsync(Assessment row, int score, string modelVersion)
    {
        var read = (await Store.FindAsync(row.Id, default))!;
        Assert.True(await Store.TryReplaceAsync(read with { Status = AssessmentStatus.Scored, Result = Result(score, modelVersion) }, default));
        return (await Store.FindAsync(row.Id, default))!;
    }

    private async Task<List<string>> IdsAsync(AssessmentQuery query)
    {
        var ids = new List<string>();
        await foreach (var a in Store.ScanAsync(query, default)) ids.Add(a.Id);
        return ids;
    }

    [Fact]
    public async Task Adding_an_id_again_one_by_one_or_in_bulk_keeps_the_first_row()
    {
        var row = (await AddedAsync(Unique.Programme("again"), 1))[0];

        await Store.AddAsync(row with { Company = row.Company with { Name = "Annat AB" } }, default);
        await Store.AddManyAsync([row with { Status = AssessmentStatus.Failed }], default);

        var found = (await Store.FindAsync(row.Id, default))!;
        Assert.Equal(row.Company.Name, found.Company.Name);
        Assert.Equal(AssessmentStatus.Pending, found.Status);
        Assert.Equal(row.Answers.Count, found.Answers.Count);
    }

    [Fact]
    public async Task An_assessment_is_found_by_its_id_alone_or_in_its_programme_and_not_under_another()
    {
        var programme = Unique.Programme("find");
        var rows = await AddedAsync(programme, 2);

        var found = await Store.FindManyAsync(
            [new(rows[0].Id), new(rows[1].Id, Programme: programme), new("no-such-id"), new("not/a#key")], default);

        Assert.Equal(rows.Select(r => r.Id).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(programme, found[rows[0].Id].Programme);
        Assert.Empty(await Store.FindManyAsync([new(rows[0].Id, Programme: Unique.Programme("elsewhere"))], default));
        Assert.Null(await Store.FindAsync("no-such-id", default));
    }

    [Fact]
    public async Task A_replace_based_on_a_stale_read_loses_to_the_write_in_between()
    {
        var row = (await AddedAsync(Unique.Programme("stale"), 1))[0];
        var first = (await Store.FindAsync(row.Id, default))!;
        var second = (await Store.FindAsync(row.Id, default))!;

        Assert.True(await Store.TryReplaceAsync(first with { Status = AssessmentStatus.Failed, FailureReason = "test" }, default));
        Assert.False(await Store.TryReplaceAsync(second with { Status = AssessmentStatus.Pending }, default));

        var stored = (await Store.FindAsync(row.Id, default))!;
        Assert.Equal(AssessmentStatus.Failed, stored.Status);
        Assert.NotEqual(first.ConcurrencyToken, stored.ConcurrencyToken);
    }

    [Fact]
    public async Task Of_many_writers_replacing_the_same_read_at_once_exactly_one_wins()
    {
        var row = (await AddedAsync(Unique.Programme("race"), 1))[0];
        var read = (await Store.FindAsync(row.Id, default))!;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.TryReplaceAsync(read with { FailureReason = $"writer {i}", Status = AssessmentStatus.Failed }, default))));

        var winner = Assert.Single(outcomes.Select((won, i) => (won, i)).Where(o => o.won));
        Assert.Equal($"writer {winner.i}", (await Store.FindAsync(row.Id, default))!.FailureReason);
    }

    [Fact]
    public async Task Replacing_many_writes_exactly_the_rows_unchanged_since_they_were_read()
    {
        var rows = await AddedAsync(Unique.Programme("many"), 3);
        var read = (await Store.FindManyAsync(rows.Select(r => new ScoringRequest(r.Id)).ToList(), default)).Values.ToList();
        await ScoredAsync(rows[1], 70, "model-b");

        var written = await Store.ReplaceManyAsync(read.Select(a => a with { Status = AssessmentStatus.Scored, Result = Result(40, "model-a") }).ToList(), default);

        Assert.Equal(new[] { rows[0].Id, rows[2].Id }.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
        Assert.Equal("model-b", (await Store.FindAsync(rows[1].Id, default))!.Result!.ModelVersion);
        Assert.Equal("model-a", (await Store.FindAsync(rows[2].Id, default))!.Result!.ModelVersion);
    }

    [Fact]
    public async Task A_products_history_is_its_first_assessment_and_every_reassessment_oldest_first_across_programmes()
    {
        var programme = Unique.Programme("history");
        var rows = Assessments(programme, 4);
        var first = rows[0];
        var second = rows[1] with { ProductId = first.Id, PreviousAssessmentId = first.Id };
        var third = rows[2] with { ProductId = first.Id, PreviousAssessmentId = second.Id, Programme = programme + "-b" };
        foreach (var a in new[] { third, rows[3], first, second }) await Store.AddAsync(a, default);

        var history = await Store.ProductHistoryAsync(first.Id, null, default);

        Assert.Equal([first.Id, second.Id, third.Id], history.Select(a => a.Id));
        Assert.Equal([null, first.Id, second.Id], history.Select(a => a.PreviousAssessmentId));
        Assert.Empty(await Store.ProductHistoryAsync(second.Id, null, default));
        Assert.Empty(await Store.ProductHistoryAsync("a/b", null, default));
    }

    [Fact]
    public async Task A_long_history_reads_the_first_assessment_and_the_latest_reassessments_up_to_the_one_asked_for()
    {
        var rows = Reassessed(Unique.Programme("long"), ProductHistoryWindow.Limit + 15);
        await Store.AddManyAsync(rows, default);
        var product = rows[0].Id;

        var latest = await Store.ProductHistoryAsync(product, null, default);
        var throughOlder = await Store.ProductHistoryAsync(product, rows[5].Id, default);
        var throughFirst = await Store.ProductHistoryAsync(product, product, default);

        Assert.Equal(rows.Take(1).Concat(rows.TakeLast(ProductHistoryWindow.Limit - 1)).Select(a => a.Id), latest.Select(a => a.Id));
        Assert.Equal(rows.Take(6).Select(a => a.Id), throughOlder.Select(a => a.Id));
        Assert.Equal([product], throughFirst.Select(a => a.Id));
    }

    [Fact]
    public async Task A_listing_pages_through_every_match_in_id_order_and_ends_without_a_token()
    {
        var programme = Unique.Programme("pages");
        var rows = await AddedAsync(programme, 10);
        var query = new AssessmentQuery(Programme: programme);

        var seen = new List<string>();
        var pages = new List<int>();
        string? token = null;
        do
        {
            var page = await Store.ListAsync(query, token, 4, default);
            seen.AddRange(page.Items.Select(a => a.Id));
            pages.Add(page.Items.Count);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Null(token);
        Assert.Equal(rows.Select(r => r.Id).Order(StringComparer.Ordinal), seen);
        Assert.All(pages, count => Assert.InRange(count, 0, 4));
        Assert.Equal(10, await Store.CountAsync(query, default));
        Assert.Equal(seen, await IdsAsync(query));
    }

    [Fact]
    public async Task Filters_select_by_level_status_sector_verdict_batch_and_the_model_a_row_was_not_scored_by()
    {
        var programme = Unique.Programme("filters");
        var rows = await AddedAsync(programme, 4);
        var ready = await ScoredAsync(rows[0], 85, "model-a");
        await ScoredAsync(rows[1], 30, "model-b");
        Assert.True(await Store.TryReplaceAsync(ready with { Review = Review(ready.Id, Verdict.ExportReady, 1) }, default));
        var batched = Assessments(programme, 1)[0] with { BatchId = Unique.Programme("batch") };
        await Store.AddAsync(batched, default);

        Assert.Equal([rows[0].Id], await IdsAsync(new(programme, Level: ReadinessLevel.ExportReady)));
        Assert.Equal(new[] { rows[2].Id, rows[3].Id, batched.Id }.Order(StringComparer.Ordinal), (await IdsAsync(new(programme, Status: AssessmentStatus.Pending))).Order(StringComparer.Ordinal));
        Assert.Equal([rows[0].Id], await IdsAsync(new(programme, Verdict: Verdict.ExportReady)));
        Assert.Equal([batched.Id], await IdsAsync(new(programme, BatchId: batched.BatchId)));
        Assert.Equal(5, (await IdsAsync(new(programme, Sector: rows[0].Company.Sector, Region: rows[0].Company.Region))).Count);
        Assert.Empty(await IdsAsync(new(programme, Sector: "no-such-sector")));
        // A Pending row has no model version: it is "not scored by" no model, so re-scoring never picks it up.
        Assert.Equal([rows[1].Id], await IdsAsync(new(programme, NotScoredBy: "model-a")));
        Assert.Equal(1, await Store.CountAsync(new(programme, Status: AssessmentStatus.Scored, NotScoredBy: "model-b"), default));
    }

    [Fact]
    public async Task A_scored_and_reviewed_row_reads_back_with_its_result_review_and_links()
    {
        var programme = Unique.Programme("roundtrip");
        var first = Assessments(programme, 1)[0];
        var row = Assessments(programme, 1)[0] with { BatchId = "batch-1", ProductId = first.Id, PreviousAssessmentId = first.Id };
        await Store.AddAsync(row, default);
        var scored = await ScoredAsync(row, 64, "model-a");
        var review = Review(row.Id, Verdict.NotYet, 5, "Intern anteckning");
        Assert.True(await Store.TryReplaceAsync(scored with { Review = review }, default));

        var read = (await Store.FindAsync(row.Id, default))!;

        Assert.Equal((64, ReadinessLevel.Ready, "model-a", Monday.AddHours(1)), (read.Result!.ReadinessScore, read.Result.Level, read.Result.ModelVersion, read.Result.ScoredAt));
        Assert.Equal(Result(64, "model-a").Dimensions.OrderBy(d => d.Id, StringComparer.Ordinal), read.Result.Dimensions.OrderBy(d => d.Id, StringComparer.Ordinal));
        Assert.Equal(review, read.Review);
        Assert.Equal(("batch-1", first.Id, first.Id), (read.BatchId, read.ProductId, read.PreviousAssessmentId));
        Assert.Equal(row.SubmittedAt, read.SubmittedAt);
    }

    [Fact]
    public async Task A_call_made_after_its_caller_cancelled_is_refused_and_writes_nothing()
    {
        var row = (await AddedAsync(Unique.Programme("cancel"), 1))[0];
        var read = (await Store.FindAsync(row.Id, default))!;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.FindAsync(row.Id, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ReplaceManyAsync([read with { Status = AssessmentStatus.Failed }], cancelled.Token));

        Assert.Equal(read.ConcurrencyToken, (await Store.FindAsync(row.Id, default))!.ConcurrencyToken);
    }
}
