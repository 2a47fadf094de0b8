using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ExportReadiness.Core.Funnel;

/// <summary>
/// The funnel export: one row per product with its intake programme and cohort, its current stage, then per configured
/// stage the date it first entered it (<c>entered_{stage}</c>) and the days it has spent there (<c>days_{stage}</c>),
/// empty for a stage it skipped or never reached. UTF-8 with BOM like the portfolio export.
/// </summary>
public static class FunnelCsv
{
    public static readonly string[] Columns = ["productId", "companyName", "productName", "programme", "cohort", "currentStage"];

    public static Task WriteAsync(TextWriter writer, FunnelStages stages, IEnumerable<FunnelProduct> products, CancellationToken cancellationToken) =>
        WriteAsync(writer, stages, products.ToAsyncEnumerable(), cancellationToken);

    /// <summary>Row by row as the products arrive, so an export can stream what it reads.</summary>
    public static async Task WriteAsync(TextWriter writer, FunnelStages stages, IAsyncEnumerable<FunnelProduct> products, CancellationToken cancellationToken)
    {
        // Company and product names are the SMEs' own text: a leading = + - @ must not run as a formula in Excel.
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }, leaveOpen: true);
        foreach (var column in Columns.Concat(stages.Ids.Select(s => $"entered_{s}")).Concat(stages.Ids.Select(s => $"days_{s}"))) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var p in products.WithCancellation(cancellationToken))
        {
            var t = p.Timeline;
            csv.WriteField(p.ProductId);
            csv.WriteField(p.CompanyName);
            csv.WriteField(p.ProductName);
            csv.WriteField(p.Programme);
            csv.WriteField(t.Cohort.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(t.Current.Stage);
            foreach (var s in stages.Ids) csv.WriteField(t.EnteredAt(s)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var s in stages.Ids) csv.WriteField(t.DaysIn(s)?.ToString(CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }
    }
}
