using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Application.Reports;

/// <summary>What a reconcile found: programmes and assessments read, products and programmes whose figures it put right.</summary>
public sealed record ReconcileReport(int Programmes, int Assessments, int ProductsRepaired, IReadOnlyList<string> TalliesRepaired, IReadOnlyList<string> Busy);

/// <summary>
/// ReconcileReports, nightly: the reports read tallies the store keeps as it writes (one transaction with the rows, so
/// they cannot drift by a retry or a crash); this recomputes them from every row and every stage move and repairs any
/// difference, for what a transaction cannot cover (a re-assessment filed under another programme than its product's
/// first assessment, a process stopped between the two, a changed stage list, rows written before tallies existed). From
/// the same scan it writes the destination figures by day that reports of an earlier day read (<see cref="DatedDestinations"/>).
/// A programme written to while it was read is left for the next night (<see cref="ReconcileReport.Busy"/>); its
/// replacement is conditional on the tallies being as read. One run at a time across instances (a blob lease).
/// </summary>
public sealed partial class ReportReconciler(
    IDistributedLock locks,
    IAssessmentStore store,
    IStageMoveStore moves,
    FunnelStages stages,
    Core.Questionnaire.QuestionnaireSchema schema,
    TimeProvider clock,
    ILogger<ReportReconciler> logger)
{
    public const string LockName = "report-reconcile";

    /// <summary>02:30 UTC every night (six-field NCRONTAB), after the nightly re-score's writes have settled.</summary>
    public const string Schedule = "0 30 2 * * *";

    /// <summary>Runs once; null when another instance is reconciling.</summary>
    public async Task<ReconcileReport?> RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(LockName, cancellationToken);
        if (held is null) return null;

        var scannedFrom = clock.GetUtcNow();
        var programmes = await store.TalliedProgrammesAsync(cancellationToken);
        var before = await Task.WhenAll(programmes.Select(p => store.TallySnapshotAsync(p, cancellationToken)));
        // Every programme in one scan: a product's re-assessments may be filed under another programme than its first.
        var builder = new TallyBuilder();
        var dated = new DatedDestinationBuilder(schema);
        var assessments = 0;
        await foreach (var a in store.ScanAsync(new AssessmentQuery(), cancellationToken))
        {
            builder.Add(a);
            dated.Add(a);
            assessments++;
        }
        var allMoves = await moves.AllAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        ProductFigures WithFunnel(Assessment first, ProductFigures figures) =>
            allMoves.TryGetValue(first.Id, out var productMoves)
                ? figures.WithTimeline(ProductTimeline.Build(stages, DateOnly.FromDateTime(first.SubmittedAt.UtcDateTime), productMoves, today), stages)
                : figures;
        var products = builder.Products.Select(p => (p.First, Figures: WithFunnel(p.First, p.Figures), p.Kept)).ToList();
        var expected = builder.Build(WithFunnel);

        var busy = new List<string>();
        var repaired = new List<string>();
        var productsRepaired = 0;
        foreach (var seen in before)
        {
            var now = await store.TallySnapshotAsync(seen.Programme, cancellationToken);
            if (now.Version != seen.Version)
            {
                // Written while it was read: the rows read and the tallies need not agree. The next run catches it.
                busy.Add(seen.Programme);
                continue;
            }
            // Products' kept figures first (each moves the tallies by its difference), then whatever difference remains.
            foreach (var (first, figures, kept) in products.Where(p => p.First.Programme == seen.Programme))
            {
                if (kept.SameAs(figures)) continue;
                await store.UpdateProductFiguresAsync(first.Id, (_, _) => figures, cancellationToken);
                productsRepaired++;
            }
            var wanted = expected.Where(c => c.Programme == seen.Programme).ToList();
            var current = await store.TallySnapshotAsync(seen.Programme, cancellationToken);
            if (Same(current.Cells, wanted)) continue;
            LogDifference(seen.Programme);
            if (await store.ReplaceTalliesAsync(current, wanted, cancellationToken)) repaired.Add(seen.Programme);
            else busy.Add(seen.Programme);
        }
        // The destination report of earlier days: written whole each night, as the rows say them now.
        foreach (var days in dated.Build(today, scannedFrom)) await store.ReplaceDatedDestinationsAsync(days, cancellationToken);
        var report = new ReconcileReport(programmes.Count, assessments, productsRepaired, repaired, busy);
        LogReconciled(report.Programmes, report.Assessments, report.ProductsRepaired, report.TalliesRepaired.Count, report.Busy.Count);
        return report;
    }

    private static bool Same(IReadOnlyList<TallyCell> kept, IReadOnlyList<TallyCell> wanted)
    {
        var difference = new TallyCells();
        foreach (var c in kept) difference[c.Sector, c.Region].Add(c.Tally);
        foreach (var c in wanted) difference[c.Sector, c.Region].Add(c.Tally, -1);
        return difference.IsZero;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report tallies of programme {Programme} differed from its rows; replacing them")]
    private partial void LogDifference(string programme);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reports reconciled: {Programmes} programmes, {Assessments} assessments read, {Products} products' figures and {Tallies} programmes' tallies repaired, {Busy} busy")]
    private partial void LogReconciled(int programmes, int assessments, int products, int tallies, int busy);
}
