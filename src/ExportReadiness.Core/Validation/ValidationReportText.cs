using System.Globalization;
using System.Text;

namespace ExportReadiness.Core.Validation;

/// <summary>The report as Markdown tables (readable as plain text too), for the CLI and for pasting into a note.</summary>
public static class ValidationReportText
{
    public static string ToMarkdown(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Method;
        var text = new StringBuilder();
        text.AppendLine("# Model and rubric on real outcomes").AppendLine();
        text.AppendLine(Invariant($"- File: {report.Format}; {report.Rows} rows scored, {report.Positives} positive ({Share(report.Positives, report.Rows)}); {report.RejectedRows} rejected."));
        text.AppendLine(Invariant($"- Model: {report.ModelVersion}. Rubric: mean of the dimension scores; as a probability: {m.RubricProbability}."));
        text.AppendLine(Invariant($"- Intervals: {m.Confidence:P0} bootstrap percentile, {m.Resamples:N0} resamples (seed {m.Seed}); model − rubric is paired (same resamples). ECE over {m.CalibrationBins} equal-width bins; resampled ECE runs high, so an ECE may sit below its own interval."));
        foreach (var note in report.Notes) text.AppendLine($"- {note}");
        text.AppendLine();

        text.AppendLine(Invariant($"## All rows (n = {report.Overall.Rows}, positives = {report.Overall.Positives})")).AppendLine();
        AppendTable(text, report.Overall);
        foreach (var sector in report.Sectors)
        {
            text.AppendLine(Invariant($"## Sector {sector.Group} (n = {sector.Rows}, positives = {sector.Positives})")).AppendLine();
            AppendTable(text, sector);
        }

        if (report.RejectedRows > 0)
        {
            text.AppendLine(Invariant($"## Rejected rows ({report.RejectedRows}{(report.RejectedRows > report.Rejected.Count ? $", first {report.Rejected.Count} listed" : "")})")).AppendLine();
            text.AppendLine("| line | reason |").AppendLine("|---:|---|");
            foreach (var row in report.Rejected) text.AppendLine(Invariant($"| {row.Line} | {row.Reason.Replace("|", "\\|", StringComparison.Ordinal)} |"));
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>One group's metrics as a Markdown table.</summary>
    public static string Table(GroupValidation group)
    {
        var text = new StringBuilder();
        AppendTable(text, group);
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, GroupValidation group)
    {
        text.AppendLine("| metric | model | rubric | model − rubric |").AppendLine("|---|---|---|---|");
        Row(text, "ROC AUC (higher is better)", group.RocAuc);
        Row(text, "PR AUC (higher is better)", group.PrAuc);
        Row(text, "Brier (lower is better)", group.Brier);
        if (group.LogLoss is { } logLoss) Row(text, "log-loss (lower is better)", logLoss);
        Row(text, "ECE (lower is better)", group.Ece);
        text.AppendLine();
    }

    private static void Row(StringBuilder text, string name, MetricComparison metric) =>
        text.AppendLine($"| {name} | {Format(metric.Model)} | {Format(metric.Rubric)} | {Format(metric.Difference, signed: true)} |");

    /// <summary><c>0.786 [0.752, 0.819]</c>; a dash where the figure cannot be computed.</summary>
    private static string Format(Estimate estimate, bool signed = false)
    {
        if (estimate.Value is not { } value) return "–";
        var pattern = signed ? "+0.000;−0.000;0.000" : "0.000";
        var interval = estimate is { Lower: { } lower, Upper: { } upper }
            ? $" [{lower.ToString(pattern, CultureInfo.InvariantCulture)}, {upper.ToString(pattern, CultureInfo.InvariantCulture)}]"
            : "";
        return value.ToString(pattern, CultureInfo.InvariantCulture) + interval;
    }

    private static string Share(int part, int whole) => whole == 0 ? "–" : ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
