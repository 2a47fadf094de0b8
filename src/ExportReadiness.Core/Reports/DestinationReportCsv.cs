using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// A destination report as CSV: one row per figure (products, each criterion, all six, each shared gap, each
/// dimension), one column per group, then the difference when two groups are compared. Shares are 0–1, dimension
/// averages 0–100 points. Names are in the request's language; ids stay the same in both.
/// </summary>
public static class DestinationReportCsv
{
    public static async Task WriteAsync(TextWriter writer, DestinationComparison report, QuestionnaireSchema schema, string lang, CancellationToken cancellationToken)
    {
        // Numbers may be negative (differences), so CsvHelper's injection escaping, which would turn -0.5 into text, is off;
        // the only text a user chose is a group's label (a programme name), escaped in Label below.
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        var (first, second) = (report.Group, report.Comparison);
        foreach (var column in new[] { "kind", "id", "name", "jointAction", Label(first.Group) }.Concat(second is null ? [] : [Label(second.Group), "difference"]))
            csv.WriteField(column);
        await csv.NextRecordAsync();

        async Task Row(string kind, string id, string name, string? action, double? a, double? b, double? difference)
        {
            foreach (var field in new[] { kind, id, name, action, Number(a) }) csv.WriteField(field);
            if (second is not null) { csv.WriteField(Number(b)); csv.WriteField(Number(difference)); }
            await csv.NextRecordAsync();
        }

        var d = report.Differences;
        await Row("products", "", lang == "en" ? "Products" : "Produkter", null, first.Products, second?.Products, d?.Products);
        for (var i = 0; i < first.Criteria.Count; i++)
        {
            var c = first.Criteria[i];
            await Row("criterion", c.Id, c.Name.In(lang), null, c.Share, second?.Criteria[i].Share, d?.Criteria[i].Value);
        }
        await Row("criterion", first.AllCriteria.Id, first.AllCriteria.Name.In(lang), null, first.AllCriteria.Share, second?.AllCriteria.Share, d?.AllCriteria.Value);

        foreach (var id in ReportDifferences.GapsOfEither(first, second))
        {
            var question = schema.QuestionsById[id];
            await Row("gap", id, question.Text.In(lang), JointAction.For(id, question.Dimension)?.Kind.ToString(),
                ReportDifferences.GapShare(first, id), second is null ? null : ReportDifferences.GapShare(second, id), d?.SharedGaps.First(x => x.Id == id).Value);
        }
        foreach (var dimension in schema.Dimensions)
        {
            var a = first.Dimensions.FirstOrDefault(x => x.Id == dimension.Id)?.Average;
            var b = second?.Dimensions.FirstOrDefault(x => x.Id == dimension.Id)?.Average;
            if (a is null && b is null) continue;
            await Row("dimension", dimension.Id, dimension.Name.In(lang), null, a, b, d?.Dimensions.FirstOrDefault(x => x.Id == dimension.Id)?.Value);
        }
    }

    /// <summary>A label starting with = + - @ would run as a formula when an advisor opens the file in Excel: it gets a leading apostrophe.</summary>
    private static string Label(DestinationGroup group) => group.Label is [ '=' or '+' or '-' or '@' or '\t' or '\r', ..] label ? "'" + label : group.Label;

    private static string? Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);
}
