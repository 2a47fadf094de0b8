using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.Storage.Tests;

/// <summary>
/// The report tallies the store keeps as it writes must say what a scan of the rows says, after every kind of write,
/// written twice, by two instances at once: the reports read them instead of the rows.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ReportTallyTests(StorageFixture storage)
{
    private static readonly string[] Sectors = ["manufacturing", "food", "tourism"];
    private static readonly string[] Regions = ["SE-AC", "SE-AB", "SE-M", "SE-O"];
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly FunnelStages Stages = FunnelStages.Default;

    [Fact]
    public async Task Kept_tallies_give_the_portfolio_and_funnel_a_scan_of_the_rows_gives_after_every_kind_of_write_each_done_twice()
    {
        var store = new TableAssessmentStore(storage.Clients);
        var programme = Unique.Programme("tally");
        var moves = new Dictionary<string, IReadOnlyList<StageMove>>(StringComparer.Ordinal);

        // A batch, its re-run, and single submissions.
        var batch = Spread(ContractData.Assessments(programme, 240));
        await store.AddManyAsync(batch, default);
        await store.AddManyAsync(batch, default);
        var singles = Spread(ContractData.Assessments(programme, 6));
        foreach (var a in singles) await store.AddAsync(a, default);
        // Re-assessments of 20 products, half of them twice.
        var reassessments = new List<Assessment>();
        var extra = ContractData.Assessments(programme, 30);
        for (var i = 0; i < 30; i++)
        {
            var product = batch[i % 20];
            reassessments.Add(extra[i] with
            {
                ProductId = product.Id, PreviousAssessmentId = product.Id, Company = product.Company,
                SubmittedAt = product.SubmittedAt.AddDays(30 + i),
            });
        }
        await store.AddManyAsync(reassessments[..20], default);
        foreach (var a in reassessments[20..]) await store.AddAsync(a, default);

        // Scored (the first 200 in one call, the rest one by one), and the same write again from the stale reads.
        var read = await ReadAllAsync(store, programme);
        var scored = read.Select((a, i) => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(20 + i * 7 % 75, "model-a") }).ToList();
        await store.ReplaceManyAsync(scored[..200], default);
        foreach (var a in scored[200..^6]) await store.TryReplaceAsync(a, default);
        Assert.Empty(await store.ReplaceManyAsync(scored[..^6], default));
        // A few failed for good instead.
        var failed = (await ReadAllAsync(store, programme)).Where(a => a.Status == AssessmentStatus.Pending).Take(4)
            .Select(a => a with { Status = AssessmentStatus.Failed, FailureReason = "poison" }).ToList();
        await store.ReplaceManyAsync(failed, default);

        // Reviewed, then some verdicts changed.
        var reviewed = (await ReadAllAsync(store, programme)).Where((_, i) => i % 5 == 0)
            .Select((a, i) => a with { Review = ContractData.Review(a.Id, i % 3 == 0 ? Verdict.ExportReady : Verdict.NotYet, i) }).ToList();
        foreach (var a in reviewed) Assert.True(await store.TryReplaceAsync(a, default));
        foreach (var a in reviewed) Assert.False(await store.TryReplaceAsync(a, default));
        var changed = (await ReadAllAsync(store, programme)).Where(a => a.Review is { Verdict: Verdict.NotYet }).Take(5)
            .Select(a => a with { Review = a.Review! with { Verdict = Verdict.ExportReady, PreviousVerdict = Verdict.NotYet } }).ToList();
        await store.ReplaceManyAsync(changed, default);

        // Stage moves of 12 products, each recorded twice.
        for (var i = 0; i < 12; i++)
        {
            var product = batch[i * 3];
            var start = DateOnly.FromDateTime(product.SubmittedAt.UtcDateTime);
            IReadOnlyList<StageMove> productMoves = Stages.All.Skip(1).Take(1 + i % 4)
                .Select((s, k) => new StageMove(product.Id, s.Id, start.AddDays(10 * (k + 1) + i), "", "Anna Lind", ContractData.Monday)).ToList();
            moves[product.Id] = productMoves;
            for (var twice = 0; twice < 2; twice++)
                Assert.True(await store.UpdateProductFiguresAsync(product.Id, (first, figures) => figures.WithTimeline(
                    ProductTimeline.Build(Stages, DateOnly.FromDateTime(first.SubmittedAt.UtcDateTime), productMoves, Today), Stages), default));
        }

        // A new model re-scores every scored row.
        var rescored = (await ReadAllAsync(store, programme)).Where(a => a.Status == AssessmentStatus.Scored)
            .Select(a => a with { Result = ContractData.Result(Math.Min(100, a.Result!.ReadinessScore + a.Id[^1] % 9), "model-b") }).ToList();
        Assert.Equal(rescored.Count, (await store.ReplaceManyAsync(rescored, default)).Count);

        await AssertTalliesMatchScanAsync(store, programme, moves);
    }

    [Fact]
    public async Task Two_instances_writing_one_programme_at_once_keep_its_tallies_exact()
    {
        var programme = Unique.Programme("tally-two");
        var one = new TableAssessmentStore(storage.Clients);
        var two = new TableAssessmentStore(new StorageClients(storage.ConnectionString));
        var rows = Spread(ContractData.Assessments(programme, 400));
        await Task.WhenAll(one.AddManyAsync(rows[..200], default), two.AddManyAsync(rows[200..], default),
            Task.WhenAll(rows[..20].Select(a => two.AddAsync(a, default))));

        // Each scores every row, as two deliveries of the same messages would: each row ends scored once.
        var fromOne = (await ReadAllAsync(one, programme)).Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(40 + a.Id[^1] % 50, "m") }).ToList();
        var fromTwo = (await ReadAllAsync(two, programme)).Select(a => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(40 + a.Id[^1] % 50, "m") }).ToList();
        var written = await Task.WhenAll(
            Task.WhenAll(fromOne.Chunk(50).Select(c => one.ReplaceManyAsync(c, default))),
            Task.WhenAll(fromTwo.Chunk(50).Reverse().Select(c => two.ReplaceManyAsync(c, default))));
        Assert.Equal(400, written.SelectMany(w => w).SelectMany(ids => ids).Distinct().Count());

        await AssertTalliesMatchScanAsync(one, programme, new Dictionary<string, IReadOnlyList<StageMove>>());
        var report = PortfolioReport.FromTallies(new AssessmentQuery(programme), await two.TalliesAsync(programme, default));
        Assert.Equal((400, 400), (report.Funnel.Submitted, report.Funnel.Scored));
    }

    [Fact]
    public async Task Reading_a_programmes_tallies_costs_the_same_few_requests_whatever_its_size()
    {
        var requests = new ConcurrentQueue<string>();
        var store = new TableAssessmentStore(new StorageClients(storage.ConnectionString, o =>
        {
            if (o is TableClientOptions) o.AddPolicy(new Recorder(requests), HttpPipelinePosition.PerCall);
        }));
        var small = Unique.Programme("tally-small");
        var large = Unique.Programme("tally-large");
        await store.AddManyAsync(Spread(ContractData.Assessments(small, 10)), default);
        await store.AddManyAsync(Spread(ContractData.Assessments(large, 2000)), default);

        requests.Clear();
        var smallCells = await store.TalliesAsync(small, default);
        var smallRequests = requests.Count;
        requests.Clear();
        var largeCells = await store.TalliesAsync(large, default);

        Assert.Equal(2000, largeCells.Sum(c => c.Tally.Submitted));
        Assert.Equal(10, smallCells.Sum(c => c.Tally.Submitted));
        Assert.Equal(1, smallRequests);
        Assert.Single(requests);
    }

    internal static async Task AssertTalliesMatchScanAsync(TableAssessmentStore store, string programme, IReadOnlyDictionary<string, IReadOnlyList<StageMove>> moves)
    {
        var cells = await store.TalliesAsync(programme, default);
        foreach (var query in new[] { new AssessmentQuery(programme), new AssessmentQuery(programme, Sector: Sectors[1]), new AssessmentQuery(programme, Region: Regions[2]) })
        {
            var collector = new FunnelCollector();
            var scan = await PortfolioReport.BuildAsync(query, store.ScanAsync(query, default).Passing(collector.Add), default);
            var expected = scan with { Stages = FunnelReport.Build(Stages, collector.Products(Stages, moves, Today)) };
            var mine = cells.Where(c => (query.Sector is null || c.Sector == query.Sector) && (query.Region is null || c.Region == query.Region)).ToList();
            var actual = PortfolioReport.FromTallies(query, mine) with
            {
                Stages = FunnelReport.FromTallies(Stages, mine.SelectMany(c => c.Tally.Funnel.Select(f => (c.Programme, f.Key, f.Value))).ToList()),
            };
            Assert.True(expected.Funnel.Submitted > 0);
            // The destination report as of today: each product's latest scored assessment.
            var group = new DestinationGroup(query.Programme, query.Sector, query.Region, Today.AddYears(1));
            var scannedGroup = await DestinationReport.BuildAsync(group, store.ScanAsync(group.Query, default), QuestionnaireSchema.V1, default);
            Assert.True(scannedGroup.Products > 0);
            Assert.Equal(JsonSerializer.Serialize(scannedGroup), JsonSerializer.Serialize(DestinationReport.FromTallies(group, mine, QuestionnaireSchema.V1)));

            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        }
    }

    private static async Task<List<Assessment>> ReadAllAsync(TableAssessmentStore store, string programme)
    {
        var all = new List<Assessment>();
        await foreach (var a in store.ScanAsync(new AssessmentQuery(programme), default)) all.Add(a);
        return all;
    }

    /// <summary>Companies over three sectors and four regions, so the tallies have cells to keep apart.</summary>
    internal static List<Assessment> Spread(List<Assessment> rows) =>
        rows.Select((a, i) => a with { Company = a.Company with { Sector = Sectors[i % 3], Region = Regions[i / 3 % 4] } }).ToList();
}

/// <summary>The scorer reads a batch's slice of 100 rows in one request, not a point read each.</summary>
[Collection(StorageCollection.Name)]
public sealed class BatchSliceReadTests(StorageFixture storage)
{
    [Fact]
    public async Task A_batch_slice_of_100_rows_is_read_with_one_range_query_and_only_the_rows_asked_for()
    {
        var requests = new ConcurrentQueue<string>();
        var store = new TableAssessmentStore(new StorageClients(storage.ConnectionString, o =>
        {
            if (o is TableClientOptions) o.AddPolicy(new Recorder(requests), HttpPipelinePosition.PerCall);
        }));
        var programme = Unique.Programme("slice");
        var rows = ContractData.Assessments(programme, 300);
        await store.AddManyAsync(rows, default);
        // Every other row of the middle hundred, as a slice with rejected lines between its rows.
        var asked = rows.Skip(100).Take(200).Where((_, i) => i % 2 == 0).Select(a => new ScoringRequest(a.Id, Programme: programme)).ToList();

        requests.Clear();
        var found = await store.FindManyAsync(asked, default);

        Assert.Equal(asked.Select(r => r.AssessmentId).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.Single(requests);
    }
}

/// <summary>Every table request's path, as Table Storage bills them.</summary>
internal sealed class Recorder(ConcurrentQueue<string> requests) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => requests.Enqueue(message.Request.Uri.Path);
}
