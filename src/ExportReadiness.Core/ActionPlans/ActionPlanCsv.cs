using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Core.ActionPlans;

/// <summary>
/// The advisors' export of every plan: one row per action with its product, company and programme. A file of its own
/// rather than columns of the portfolio export, so that export reads no plans and stays one scan of the assessments.
/// </summary>
public static class ActionPlanCsv
{
    public static readonly string[] Columns =
        ["productId", "companyName", "productName", "programme", "gap", "dimension", "title", "owner", "dueDate", "status", "overdue", "createdAt", "createdBy", "fromAssessmentId", "doneAt"];

    /// <summary>Writes the rows; <paramref name="product"/> is the product's first assessment (null if it is gone), for its names and programme.</summary>
    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<(PlannedAction Action, Assessment? Product)> rows, DateOnly today, CancellationToken cancellationToken)
    {
        // Titles and owners are the SMEs' own text: one starting with = + - @ must not run as a formula in Excel.
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }, leaveOpen: true);
        foreach (var column in Columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var (a, product) in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(a.ProductId);
            csv.WriteField(product?.Company.Name);
            csv.WriteField(product?.Product.Name);
            csv.WriteField(product?.Programme);
            csv.WriteField(a.QuestionId);
            csv.WriteField(a.Dimension);
            csv.WriteField(a.Title);
            csv.WriteField(a.Owner);
            csv.WriteField(a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(a.Status.ToString());
            csv.WriteField(a.IsOverdue(today) ? "true" : "false");
            csv.WriteField(a.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            csv.WriteField(a.CreatedBy);
            csv.WriteField(a.FromAssessmentId);
            csv.WriteField(a.DoneAt?.ToString("u", CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }
    }
}
