using Azure.Core;
using Azure.Core.Pipeline;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.Storage.Tests;

[Collection(StorageCollection.Name)]
public class TableAssessmentStoreTests(StorageFixture storage)
{
    private readonly TableAssessmentStore _store = new(storage.Clients);

    private static List<Assessment> Assessments(string programme, int count)
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var batch = Guid.NewGuid().ToString("N")[..16];
        return Enumerable.Range(1, count).Select(i => new Assessment
        {
            Id = $"{batch}{i:D8}", Programme = programme, SchemaVersion = 1, Company = submission.Company with { Name = $"Företag {i} AB" },
            Product = submission.Product, Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        }).ToList();
    }

    [Fact]
    public async Task A_products_history_is_its_first_assessment_and_every_reassessment_oldest_first_across_programmes()
    {
        var programme = Unique.Programme("store");
        var start = DateTimeOffset.UtcNow;
        var rows = Assessments(programme, 4).Select((a, i) => a with { SubmittedAt = start.AddMinutes(i) }).ToList();
        var first = rows[0];
        // The second re-assessment moved to another programme: the product follows it there.
        var second = rows[1] with { ProductId = first.Id, PreviousAssessmentId = first.Id };
        var third = rows[2] with { ProductId = first.Id, PreviousAssessmentId = second.Id, Programme = programme + "-b" };
        var unrelated = rows[3];
        foreach (var a in new[] { third, unrelated, first, second }) await _store.AddAsync(a, default);

        var history = await _store.ProductHistoryAsync(first.Id, null, default);

        Assert.Equal([first.Id, second.Id, third.Id], history.Select(a => a.Id));
        Assert.All(history, a => Assert.Equal(first.Id, a.ProductId));
        Assert.Equal(second.Id, history[2].PreviousAssessmentId);
        Assert.Null(history[0].PreviousAssessmentId);
        // A re-assessment's id is not a product, and neither is an unknown or invalid key.
        Assert.Empty(await _store.ProductHistoryAsync(second.Id, null, default));
        Assert.Empty(await _store.ProductHistoryAsync(Guid.NewGuid().ToString("N"), null, default));
        Assert.Empty(await _store.ProductHistoryAsync("a/b", null, default));
    }

    [Fact]
    public async Task A_product_reassessed_more_often_than_the_history_shows_is_read_with_a_bounded_number_of_storage_calls()
    {
        var calls = new CallCounter();
        var store = new TableAssessmentStore(new StorageClients(storage.ConnectionString, o => o.AddPolicy(calls, HttpPipelinePosition.PerCall)));
        var rows = Testing.Contracts.ContractData.Reassessed(Unique.Programme("calls"), ProductHistoryWindow.Limit + 15);
        await store.AddManyAsync(rows, default);
        calls.Reset();

        var history = await store.ProductHistoryAsync(rows[0].Id, null, default);

        // One query of the product index, the first assessment's id lookup, a point read per assessment shown.
        Assert.InRange(calls.Count, 1, ProductHistoryWindow.Limit + 2);
        Assert.Equal(rows.Take(1).Concat(rows.TakeLast(ProductHistoryWindow.Limit - 1)).Select(a => a.Id), history.Select(a => a.Id));
    }

    /// <summary>Counts the storage calls made through a client (once per call, not per retry).</summary>
    private sealed class CallCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }

    [Fact]
    public async Task More_rows_than_one_transaction_holds_are_stored_and_listed_page_by_page()
    {
        var programme = Unique.Programme("store");
        var written = Assessments(programme, 250);

        await _store.AddManyAsync(written, default);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _store.ListAsync(new AssessmentQuery(Programme: programme), token, 100, default);
            seen.AddRange(page.Items.Select(a => a.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);
        Assert.Equal(written.Select(a => a.Id).Order(), seen.Order());
        Assert.True(pages >= 3, $"{pages} pages");
        Assert.Equal(250, await _store.CountAsync(new AssessmentQuery(Programme: programme), default));
    }

    [Fact]
    public async Task An_assessment_is_found_by_its_id_alone_and_adding_it_again_changes_nothing()
    {
        var assessment = Assessments(Unique.Programme("find"), 1)[0];
        await _store.AddAsync(assessment, default);
        await _store.AddAsync(assessment with { Company = assessment.Company with { Name = "Annat AB" } }, default);

        var found = await _store.FindAsync(assessment.Id, default);

        Assert.Equal(assessment.Programme, found!.Programme);
        Assert.Equal(assessment.Company.Name, found.Company.Name);
        Assert.Equal(assessment.Answers.Count, found.Answers.Count);
        Assert.Null(await _store.FindAsync("no-such-id", default));
    }

    [Fact]
    public async Task A_replace_based_on_a_stale_read_loses_to_the_write_in_between()
    {
        var assessment = Assessments(Unique.Programme("etag"), 1)[0];
        await _store.AddAsync(assessment, default);
        var first = (await _store.FindAsync(assessment.Id, default))!;
        var second = (await _store.FindAsync(assessment.Id, default))!;

        Assert.True(await _store.TryReplaceAsync(first with { Status = AssessmentStatus.Failed, FailureReason = "test" }, default));
        Assert.False(await _store.TryReplaceAsync(second with { Status = AssessmentStatus.Pending }, default));
        Assert.Equal(AssessmentStatus.Failed, (await _store.FindAsync(assessment.Id, default))!.Status);
    }

    [Fact]
    public async Task The_gaps_of_a_programmes_scored_rows_read_alone_equal_those_of_the_whole_rows_in_the_same_order()
    {
        var programme = Unique.Programme("gaps");
        var rows = Testing.Contracts.ContractData.Assessments(programme, 6)
            .Select((a, i) => a with { Company = a.Company with { Sector = i % 2 == 0 ? "food" : "tourism", Region = i < 3 ? "kronoberg" : "kalmar" } }).ToList();
        await _store.AddManyAsync(rows, default);
        var scored = rows.Take(5).Select((a, i) => a with
        {
            Status = Core.Assessments.AssessmentStatus.Scored,
            // One result from before explanations were kept: it has no gaps.
            Result = Testing.Contracts.ContractData.Result(50 + i, "model-a") with
            {
                Explanation = i == 4 ? null : new Core.Scoring.ScoreExplanation(10 + i, [new("market", 20, 5.5)], [new("q-" + i, 20, 1.5 * i), new("q-x", 0, 0)]),
            },
        }).ToList();
        await _store.ReplaceManyAsync(scored, default);
        var query = new Core.Assessments.AssessmentQuery(Programme: programme);

        var gaps = await _store.ScanGapsAsync(query, default).ToListAsync();

        var whole = await _store.ScanAsync(query with { Status = Core.Assessments.AssessmentStatus.Scored }, default)
            .Select(Core.Programmes.ProductGaps.Of).OfType<Core.Programmes.ProductGaps>().ToListAsync();
        Assert.Equal(4, gaps.Count);
        Assert.Equal(whole.Select(g => (g.Key, g.Sector, g.Region)), gaps.Select(g => (g.Key, g.Sector, g.Region)));
        Assert.Equal(whole.Select(g => System.Text.Json.JsonSerializer.Serialize(g.Explanation)), gaps.Select(g => System.Text.Json.JsonSerializer.Serialize(g.Explanation)));
        Assert.Equal(scored.Take(4).Select(a => a.Id), gaps.Select(g => g.Key));
    }
}
