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
    /// The portfolio report with its stage funnel, from one scan of the assessments; <paramref name="alsoSee"/> is shown
    /// each assessment of that scan too, so a page that needs more from the same assessments does not read them again.
    /// </summary>
    public async Task<PortfolioReport> PortfolioAsync(AssessmentQuery query, CancellationToken cancellationToken, Action<Assessment>? alsoSee = null)
    {
        var collector = new FunnelCollector();
        var scan = store.ScanAsync(query, cancellationToken).Passing(a =>
        {
            collector.Add(a);
            alsoSee?.Invoke(a);
        }, cancellationToken);
        var report = await PortfolioReport.BuildAsync(query, scan, cancellationToken);
        return report with { Stages = FunnelReport.Build(stages, collector.Products(stages, await moves.AllAsync(cancellationToken), Today)) };
    }
}
