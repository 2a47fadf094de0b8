using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Reports;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Reports;

/// <summary>The advisors' portfolio: the report and its CSV export.</summary>
public sealed class ReportHandlers(IAssessmentStore store, AssessmentCsv csv, ProgrammeCatalogueProvider programmes, FunnelReader funnel, IActionPlanStore actionPlans, TimeProvider clock, ProductAccessLog accessLog)
{
    public async Task<Results<Ok<PortfolioReport>, ValidationProblem>> Portfolio(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var (query, errors) = AssessmentFilter.Parse(request.Query);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidReportFilters, texts);
        return TypedResults.Ok(await funnel.PortfolioAsync(query, cancellationToken));
    }

    public async Task<IResult> PortfolioCsv(HttpContext context, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(context.Request);
        var (query, errors) = AssessmentFilter.Parse(context.Request.Query);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidExportFilters, texts);
        await accessLog.EveryProductAsync(context, AccessKind.Export, cancellationToken);
        // Streamed row by row: an export of the whole portfolio never sits in memory.
        // One catalogue for the whole file, read before the first byte is sent, so every row is matched against the same one.
        var matcher = await programmes.MatcherAsync(cancellationToken);
        await using var writer = CsvDownload.Start(context, $"portfolio-{query.Programme ?? "all"}.csv");
        await csv.WriteExportAsync(writer, store.ScanAsync(query, cancellationToken),
            a => ProgrammeOffers.GapsOf(a) is { } gaps ? matcher.Match(gaps).Take(ProgrammeOffers.Top).Select(m => m.Programme.Id) : [], cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>Every product's action plan, one row per action (UTF-8 with BOM), streamed as the plans are read.</summary>
    public async Task<IResult> ActionsCsv(HttpContext context, CancellationToken cancellationToken)
    {
        await accessLog.EveryProductAsync(context, AccessKind.Export, cancellationToken);
        await using var writer = CsvDownload.Start(context, "actions.csv");
        await ActionPlanCsv.WriteAsync(writer, WithProducts(actionPlans.ScanAsync(cancellationToken), cancellationToken),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>Each action with its product's first assessment; the scan goes product by product, so one lookup per product.</summary>
    private async IAsyncEnumerable<(PlannedAction, Assessment?)> WithProducts(IAsyncEnumerable<PlannedAction> actions,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Assessment? product = null;
        await foreach (var action in actions.WithCancellation(cancellationToken))
        {
            if (product?.Id != action.ProductId) product = await store.FindAsync(action.ProductId, cancellationToken);
            yield return (action, product);
        }
    }
}
