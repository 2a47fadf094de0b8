using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Application.Funnel;

/// <summary>
/// Reads the funnel for the API, the pages and the exports alike: a product's timeline from its assessments and moves,
/// and the report over the assessments a filter selects, built in the same scan as the portfolio report.
/// </summary>
public sealed class FunnelReader(IAssessmentStore store, IStageMoveStore moves, FunnelStages stages, TimeProvider clock)
{
    /// <summary>Days in a stage run to today (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The latest date a move may carry: the date it is now somewhere on Earth (UTC+14), so an advisor whose day has
    /// begun before UTC's is never told that today is in the future.
    /// </summary>
    public DateOnly LatestMoveDate => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14));

    public FunnelStages Stages => stages;

    /// <summary>The product's timeline; <paramref name="history"/> is its assessments, oldest first, and must not be empty.</summary>
    public async Task<ProductTimeline> TimelineAsync(IReadOnlyList<Assessment> history, CancellationToken cancellationToken) =>
        ProductTimeline.Build(stages, DateOnly.FromDateTime(history[0].SubmittedAt.UtcDateTime), await moves.ForProductAsync(history[0].ProductId, cancellationToken), Today);

    public async Task<ProductStageView> ViewAsync(IReadOnlyList<Assessment> history, CancellationToken cancellationToken) =>
        (await TimelineAsync(history, cancellationToken)).AsView(history[0].ProductId, stages);

    /// <summary>The products of the filtered assessments, of one intake year when <paramref name="cohort"/> is given.</summary>
    public async Task<IReadOnlyList<FunnelProduct>> ProductsAsync(AssessmentQuery query, int? cohort, CancellationToken cancellationToken)
    {
        var collector = new FunnelCollector();
        await foreach (var a in store.ScanAsync(query, cancellationToken)) collector.Add(a);
        return collector.Products(stages, await moves.AllAsync(cancellationToken), Today, cohort);
    }

    /// <summary>
    /// Whether the store's kept tallies answer a report of this filter: a programme, sector and region (any of them, or
    /// none). Other filters (level, status, verdict, batch, date) are drill-downs, answered by a scan of their matches.
    /// </summary>
    public static bool TalliesServe(AssessmentQuery query) => query with { Programme = null, Sector = null, Region = null } == new AssessmentQuery();

    /// <summary>The funnel report of a filter, of one intake year when <paramref name="cohort"/> is given.</summary>
    public async Task<FunnelReport> ReportAsync(AssessmentQuery query, int? cohort, CancellationToken cancellationToken) =>
        TalliesServe(query)
            ? FunnelOf(await CellsAsync(query, cancellationToken), cohort)
            : FunnelReport.Build(stages, await ProductsAsync(query, cohort, cancellationToken));

    /// <summary>
    /// The portfolio report with its stage funnel: from the kept tallies where they serve the filter (a few rows, however
    /// many assessments), else from one scan of the matches; <paramref name="alsoSee"/>, when given, is shown each
    /// assessment of that scan too, so a page that needs more from the same assessments does not read them again.
    /// </summary>
    public async Task<PortfolioReport> PortfolioAsync(AssessmentQuery query, CancellationToken cancellationToken, Action<Assessment>? alsoSee = null)
    {
        if (alsoSee is null && TalliesServe(query))
        {
            var cells = await CellsAsync(query, cancellationToken);
            return PortfolioReport.FromTallies(query, cells) with { Stages = FunnelOf(cells, null) };
        }
        var collector = new FunnelCollector();
        var scan = store.ScanAsync(query, cancellationToken).Passing(a =>
        {
            collector.Add(a);
            alsoSee?.Invoke(a);
        }, cancellationToken);
        var report = await PortfolioReport.BuildAsync(query, scan, cancellationToken);
        return report with { Stages = FunnelReport.Build(stages, collector.Products(stages, await moves.AllAsync(cancellationToken), Today)) };
    }

    /// <summary>
    /// After a move of the product: its funnel figures (kept on its first assessment, counted in the tallies) follow its
    /// timeline. Idempotent; a move recorded twice, or a retry after this failed, leaves them right.
    /// </summary>
    public async Task RecordMovesAsync(string productId, CancellationToken cancellationToken)
    {
        var productMoves = await moves.ForProductAsync(productId, cancellationToken);
        await store.UpdateProductFiguresAsync(productId, (first, figures) => figures.WithTimeline(
            ProductTimeline.Build(stages, DateOnly.FromDateTime(first.SubmittedAt.UtcDateTime), productMoves, Today), stages), cancellationToken);
    }

    private async Task<IReadOnlyList<TallyCell>> CellsAsync(AssessmentQuery query, CancellationToken cancellationToken) =>
        (await store.TalliesAsync(query.Programme, cancellationToken))
            .Where(c => (query.Sector is null || c.Sector == query.Sector) && (query.Region is null || c.Region == query.Region)).ToList();

    private FunnelReport FunnelOf(IReadOnlyList<TallyCell> cells, int? cohort) =>
        FunnelReport.FromTallies(stages, cells.SelectMany(c => c.Tally.Funnel.Where(f => cohort is null || f.Key == cohort).Select(f => (c.Programme, f.Key, f.Value))).ToList());
}
