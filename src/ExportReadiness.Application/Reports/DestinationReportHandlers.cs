using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Reports;

/// <summary>
/// The destination and programme report (<see cref="DestinationReport"/>): one group, or two side by side, as JSON
/// and as CSV. The advisor's page builds the same report through <see cref="BuildAsync"/>.
/// </summary>
public sealed class DestinationReportHandlers(IAssessmentStore store, QuestionnaireSchema schema, TimeProvider clock)
{
    /// <summary>Today by the UTC date the report's groups are cut at.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// A group as of today from the store's kept tallies (a few rows, however many products), as of an earlier day from the
    /// days the nightly reconcile kept (a row per day with submissions). Where those do not cover the day (not yet
    /// reconciled, or an erasure since), the assessments themselves: each such group scanned once, and two groups of the
    /// same assessments (one destination at two dates) in one scan. The comparison's differences only when there is a
    /// second group.
    /// </summary>
    public async Task<DestinationComparison> BuildAsync(DestinationGroup group, DestinationGroup? comparison, CancellationToken cancellationToken)
    {
        var first = await KeptAsync(group, cancellationToken);
        var second = comparison is not null ? await KeptAsync(comparison, cancellationToken) : null;
        var sameScan = first is null && second is null && comparison is not null && comparison.Query == group.Query ? new DestinationReport.Collector(comparison) : null;
        if (first is null)
        {
            var scan = store.ScanAsync(group.Query, cancellationToken);
            first = await DestinationReport.BuildAsync(group, sameScan is null ? scan : scan.Passing(sameScan.Add, cancellationToken), schema, cancellationToken);
        }
        if (comparison is null) return new DestinationComparison(first, null, null);
        second ??= sameScan?.Build(schema)
            ?? await DestinationReport.BuildAsync(comparison, store.ScanAsync(comparison.Query, cancellationToken), schema, cancellationToken);
        return new DestinationComparison(first, second, ReportDifferences.Between(first, second));
    }

    private async Task<DestinationReport?> KeptAsync(DestinationGroup group, CancellationToken cancellationToken)
    {
        IReadOnlyList<TallyCell>? cells;
        if (group.AsOf >= Today) cells = await store.TalliesAsync(group.Programme, cancellationToken);
        else
        {
            var programmes = group.Programme is { } one ? [one] : await store.TalliedProgrammesAsync(cancellationToken);
            var dated = await Task.WhenAll(programmes.Select(p => store.DestinationAsOfAsync(p, group.AsOf, cancellationToken)));
            cells = dated.Any(d => d is null) ? null : dated.SelectMany(d => d!).ToList();
        }
        return cells is null ? null : DestinationReport.FromTallies(group,
            cells.Where(c => (group.Sector is null || c.Sector == group.Sector) && (group.Region is null || c.Region == group.Region)), schema);
    }

    public async Task<Results<Ok<DestinationComparison>, ValidationProblem>> Report(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var (group, comparison, errors) = DestinationFilter.Parse(request.Query, Today);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidReportFilters, texts);
        return TypedResults.Ok(await BuildAsync(group, comparison, cancellationToken));
    }

    public async Task<IResult> Csv(HttpContext context, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(context.Request);
        var (group, comparison, errors) = DestinationFilter.Parse(context.Request.Query, Today);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidExportFilters, texts);
        // Built before the first byte is sent, so a storage outage is still a 503 problem rather than a cut-off file.
        var report = await BuildAsync(group, comparison, cancellationToken);
        await using var writer = CsvDownload.Start(context, $"destination-{group.Programme ?? group.Region ?? "all"}-{group.AsOf:yyyy-MM-dd}.csv");
        // The names in the language the errors would have (the page's link says ?lang=): the questionnaire's own texts.
        await DestinationReportCsv.WriteAsync(writer, report, schema, texts.Lang, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return TypedResults.Empty;
    }
}
