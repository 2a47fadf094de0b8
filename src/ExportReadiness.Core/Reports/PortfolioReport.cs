using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Reports;

/// <summary>The PEGIN-style screening funnel: submitted → scored → reviewed by an advisor → confirmed export-ready.</summary>
public sealed record Funnel(int Submitted, int Scored, int Reviewed, int ConfirmedExportReady);

public sealed record LevelCount(ReadinessLevel Level, int Count);

public sealed record DimensionAverage(string Id, double Average);

/// <summary>One sector's or region's slice of the portfolio.</summary>
public sealed record Breakdown(string Key, int Submitted, int Scored, double? AverageScore, int ReadyOrBetter, int ConfirmedExportReady);

/// <summary>
/// How the model's verdict (level Ready or ExportReady) compares with the advisor's, over assessments that
/// have both. The model's score is kept beside the advisor's verdict, never replaced by it.
/// </summary>
public sealed record Agreement(int Compared, int BothReady, int BothNotReady, int ModelReadyAdvisorNot, int AdvisorReadyModelNot)
{
    public double? Rate => Compared == 0 ? null : Math.Round((BothReady + BothNotReady) / (double)Compared, 3);
}

/// <summary>
/// Products followed over time, over the filtered assessments: how many products they are of, how many were scored
/// more than once, and between each such product's first and latest scored assessment how its score moved.
/// </summary>
public sealed record ProductProgress(int Products, int Reassessed, int Improved, int Unchanged, int Declined, double? AverageChange);

public sealed record PortfolioReport(
    AssessmentQuery Filter,
    Funnel Funnel,
    IReadOnlyList<LevelCount> Levels,
    IReadOnlyList<int> ScoreDistribution,
    IReadOnlyList<DimensionAverage> Dimensions,
    IReadOnlyList<Breakdown> BySector,
    IReadOnlyList<Breakdown> ByRegion,
    Agreement Agreement,
    ProductProgress Progress)
{
    /// <summary>The advisors' stage funnel by programme and cohort over the same assessments (built beside this report, from the same scan).</summary>
    public FunnelReport? Stages { get; init; }

    /// <summary>Width of a bucket of <see cref="ScoreDistribution"/> (0–9, 10–19, … 90–100).</summary>
    public const int BucketWidth = 10;

    /// <summary>Builds the report in one pass over the assessments, holding only counters (and per product two scores).</summary>
    public static async Task<PortfolioReport> BuildAsync(AssessmentQuery filter, IAsyncEnumerable<Assessment> assessments, CancellationToken cancellationToken)
    {
        int submitted = 0, scored = 0, reviewed = 0, confirmed = 0;
        int bothReady = 0, bothNot = 0, modelOnly = 0, advisorOnly = 0;
        var levels = Enum.GetValues<ReadinessLevel>().ToDictionary(l => l, _ => 0);
        var histogram = new int[100 / BucketWidth];
        var dimensionTotals = new Dictionary<string, (double Sum, int Count)>();
        var sectors = new Dictionary<string, Slice>();
        var regions = new Dictionary<string, Slice>();
        // Per product only its first and latest scored assessment: the change is between those two.
        // Dates and scores only, never the assessments: a portfolio of 50,000 products stays a few MB.
        var products = new Dictionary<string, ProductScores>(StringComparer.Ordinal);

        await foreach (var a in assessments.WithCancellation(cancellationToken))
        {
            submitted++;
            var confirmedHere = a.Review?.Verdict == Verdict.ExportReady;
            if (a.Review is not null) reviewed++;
            if (confirmedHere) confirmed++;
            SliceOf(sectors, a.Company.Sector).Add(a);
            SliceOf(regions, a.Company.Region).Add(a);
            var product = products.GetValueOrDefault(a.ProductId);
            if (a.Result is not { } r || a.Status != AssessmentStatus.Scored)
            {
                products[a.ProductId] = product;
                continue;
            }
            products[a.ProductId] = product.With(a.SubmittedAt, r.ReadinessScore);
            scored++;
            levels[r.Level]++;
            histogram[Math.Min(histogram.Length - 1, r.ReadinessScore / BucketWidth)]++;
            foreach (var d in r.Dimensions)
            {
                var (sum, count) = dimensionTotals.GetValueOrDefault(d.Id);
                dimensionTotals[d.Id] = (sum + d.Score, count + 1);
            }
            if (a.Review is null) continue;
            var modelReady = r.Level >= ReadinessLevel.Ready;
            if (modelReady && confirmedHere) bothReady++;
            else if (!modelReady && !confirmedHere) bothNot++;
            else if (modelReady) modelOnly++;
            else advisorOnly++;
        }

        return new PortfolioReport(
            filter,
            new Funnel(submitted, scored, reviewed, confirmed),
            levels.Select(l => new LevelCount(l.Key, l.Value)).ToList(),
            histogram,
            DimensionOrder(dimensionTotals.Keys).Select(id => new DimensionAverage(id, Math.Round(dimensionTotals[id].Sum / dimensionTotals[id].Count, 1))).ToList(),
            sectors.OrderByDescending(s => s.Value.Submitted).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.ToBreakdown(s.Key)).ToList(),
            regions.OrderByDescending(s => s.Value.Submitted).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.ToBreakdown(s.Key)).ToList(),
            new Agreement(bothReady + bothNot + modelOnly + advisorOnly, bothReady, bothNot, modelOnly, advisorOnly),
            ProgressOf(products.Values));
    }

    /// <summary>
    /// The same report from kept tallies (<see cref="TallyCell"/>s of the filter's programme, sector and region), in time
    /// that does not grow with the assessments; equal to <see cref="BuildAsync"/> over the same rows, products counted
    /// where their first assessment is.
    /// </summary>
    public static PortfolioReport FromTallies(AssessmentQuery filter, IReadOnlyList<TallyCell> cells)
    {
        var total = new ReportTally();
        foreach (var cell in cells) total.Add(cell.Tally);
        return new PortfolioReport(
            filter,
            new Funnel(total.Submitted, total.Scored, total.Reviewed, total.Confirmed),
            Enum.GetValues<ReadinessLevel>().Select(l => new LevelCount(l, total.Levels[(int)l])).ToList(),
            total.Histogram,
            DimensionOrder(total.Dimensions.Keys).Select(id => new DimensionAverage(id, Math.Round(total.Dimensions[id][0] / (double)total.Dimensions[id][1], 1))).ToList(),
            Breakdowns(cells, c => c.Sector),
            Breakdowns(cells, c => c.Region),
            new Agreement(total.BothReady + total.BothNotReady + total.ModelReadyAdvisorNot + total.AdvisorReadyModelNot,
                total.BothReady, total.BothNotReady, total.ModelReadyAdvisorNot, total.AdvisorReadyModelNot),
            new ProductProgress(total.Products, total.Reassessed, total.Improved, total.Unchanged, total.Declined,
                total.Reassessed == 0 ? null : Math.Round(total.ChangeSum / (double)total.Reassessed, 1)));
    }

    private static List<Breakdown> Breakdowns(IReadOnlyList<TallyCell> cells, Func<TallyCell, string> key) =>
        cells.GroupBy(key).Select(g =>
            {
                var t = new ReportTally();
                foreach (var c in g) t.Add(c.Tally);
                return new Breakdown(g.Key, t.Submitted, t.Scored, t.Scored == 0 ? null : Math.Round(t.ScoreSum / (double)t.Scored, 1), t.ReadyOrBetter, t.Confirmed);
            })
            .Where(b => b.Submitted > 0)
            .OrderByDescending(b => b.Submitted).ThenBy(b => b.Key, StringComparer.Ordinal).ToList();

    /// <summary>Dimensions in the questionnaire's order (then by id), however the figures were gathered.</summary>
    private static IEnumerable<string> DimensionOrder(IEnumerable<string> ids)
    {
        var order = Questionnaire.QuestionnaireSchema.V1.Dimensions.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return ids.OrderBy(id => order.GetValueOrDefault(id, int.MaxValue)).ThenBy(id => id, StringComparer.Ordinal);
    }

    /// <summary>A product's first and latest scored assessment (date and score), and how many of its assessments were scored.</summary>
    private readonly record struct ProductScores(DateTimeOffset FirstAt, int First, DateTimeOffset LatestAt, int Latest, int Scored)
    {
        public ProductScores With(DateTimeOffset at, int score) => Scored == 0
            ? new(at, score, at, score, 1)
            : new(at < FirstAt ? at : FirstAt, at < FirstAt ? score : First, at >= LatestAt ? at : LatestAt, at >= LatestAt ? score : Latest, Scored + 1);
    }

    private static ProductProgress ProgressOf(IEnumerable<ProductScores> products)
    {
        int count = 0, improved = 0, unchanged = 0, declined = 0;
        var changes = new List<int>();
        foreach (var product in products)
        {
            count++;
            if (product.Scored < 2) continue;
            var change = product.Latest - product.First;
            changes.Add(change);
            if (change > 0) improved++;
            else if (change < 0) declined++;
            else unchanged++;
        }
        return new ProductProgress(count, changes.Count, improved, unchanged, declined, changes.Count == 0 ? null : Math.Round(changes.Average(), 1));
    }

    private static Slice SliceOf(Dictionary<string, Slice> slices, string key) =>
        slices.TryGetValue(key, out var slice) ? slice : slices[key] = new Slice();

    private sealed class Slice
    {
        public int Submitted, Scored, ReadyOrBetter, Confirmed;
        private long _scoreSum;

        public void Add(Assessment a)
        {
            Submitted++;
            if (a.Review?.Verdict == Verdict.ExportReady) Confirmed++;
            if (a.Result is not { } r || a.Status != AssessmentStatus.Scored) return;
            Scored++;
            _scoreSum += r.ReadinessScore;
            if (r.Level >= ReadinessLevel.Ready) ReadyOrBetter++;
        }

        public Breakdown ToBreakdown(string key) =>
            new(key, Submitted, Scored, Scored == 0 ? null : Math.Round(_scoreSum / (double)Scored, 1), ReadyOrBetter, Confirmed);
    }
}
