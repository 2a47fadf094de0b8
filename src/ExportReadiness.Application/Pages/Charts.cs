using System.Text;

namespace ExportReadiness.Application.Pages;

// TODO(issue 18 merge): string shims for SmePages, AdvisorPages and ProgrammeSections; the components in Pages/Charts replace
// them (HorizontalBarChart, ColumnChart, LiftAndHeadroomChart, ChangeBarChart, ReliabilityChart). Delete this file then.

/// <summary>The charts as HTML strings, for the pages not yet components.</summary>
public static partial class Charts
{

    /// <summary>Horizontal bars, one row each, values on a 0..max scale.</summary>
    // TODO(issue 18 merge): string shim
    public static string HorizontalBars(IReadOnlyList<Bar> bars, double max, string title, string? unit = null)
    {
        const int rowHeight = 26, labelWidth = 300, barWidth = 340;
        var height = bars.Count * rowHeight + 10;
        var svg = new StringBuilder()
            .Append($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {labelWidth + barWidth + 60} {height}\" width=\"100%\" aria-label=\"{Html.E(title)}\"><title>{Html.E(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * rowHeight + 5;
            var width = Length(bar.Value, max, barWidth);
            svg.Append($"<text x=\"{labelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"label\">{Html.E(bar.Label)}</text>")
               .Append($"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{barWidth}\" height=\"18\" class=\"track\"/>")
               .Append($"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Html.N(width)}\" height=\"18\" class=\"bar {bar.Css}\"/>")
               .Append($"<text x=\"{Html.N(labelWidth + width + 6)}\" y=\"{y + 16}\" class=\"value\">{Html.N(bar.Value)}{unit}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Vertical columns (a histogram or a funnel), labels underneath.</summary>
    // TODO(issue 18 merge): string shim
    public static string Columns(IReadOnlyList<Bar> columns, string title)
    {
        const int plot = 150, gap = 8;
        // A fixed drawing width, so ten histogram buckets stay as legible as four funnel steps.
        var width = Math.Max(18, (300 - gap * (columns.Count + 1)) / Math.Max(1, columns.Count));
        var max = Math.Max(1, columns.Count == 0 ? 1 : columns.Max(c => c.Value));
        var svg = new StringBuilder()
            .Append($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {columns.Count * (width + gap) + gap} {plot + 50}\" width=\"100%\" aria-label=\"{Html.E(title)}\"><title>{Html.E(title)}</title>");
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var h = c.Value / max * plot;
            var x = gap + i * (width + gap);
            svg.Append($"<rect x=\"{x}\" y=\"{Html.N(plot - h + 18)}\" width=\"{width}\" height=\"{Html.N(h)}\" class=\"bar {c.Css}\"/>")
               .Append($"<text x=\"{x + width / 2}\" y=\"{Html.N(plot - h + 14)}\" text-anchor=\"middle\" class=\"value\">{Html.N(c.Value)}</text>")
               .Append($"<text x=\"{x + width / 2}\" y=\"{plot + 36}\" text-anchor=\"middle\" class=\"label small\">{Html.E(c.Label)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Per area, what lifts the score (a solid bar of the points its answers earn above the lowest answers) and
    /// what holds it down (a pale bar of the points still open), on one scale, so areas compare at a glance.
    /// </summary>
    // TODO(issue 18 merge): string shim
    public static string LiftAndHeadroom(IReadOnlyList<Contribution> rows, string title, string liftText, string headroomText, string openWord)
    {
        const int rowHeight = 26, labelWidth = 300, barWidth = 300;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Lift + r.Headroom));
        var svg = new StringBuilder()
            .Append($"<svg class=\"chart explanation\" role=\"img\" viewBox=\"0 0 {labelWidth + barWidth + 110} {rows.Count * rowHeight + 34}\" width=\"100%\" aria-label=\"{Html.E(title)}\"><title>{Html.E(title)}</title>")
            .Append($"<rect x=\"{labelWidth}\" y=\"4\" width=\"12\" height=\"12\" class=\"bar lift\"/><text x=\"{labelWidth + 16}\" y=\"14\" class=\"label small\">{Html.E(liftText)}</text>")
            .Append($"<rect x=\"{labelWidth + 150}\" y=\"4\" width=\"12\" height=\"12\" class=\"bar headroom\"/><text x=\"{labelWidth + 166}\" y=\"14\" class=\"label small\">{Html.E(headroomText)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = i * rowHeight + 28;
            var lift = Math.Max(0, row.Lift) / max * barWidth;
            var headroom = Math.Max(0, row.Headroom) / max * barWidth;
            svg.Append($"<text x=\"{labelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\" class=\"label\">{Html.E(row.Label)}</text>")
               .Append($"<rect x=\"{labelWidth}\" y=\"{y + 1}\" width=\"{Html.N(lift)}\" height=\"18\" class=\"bar lift\"/>")
               .Append($"<rect x=\"{Html.N(labelWidth + lift)}\" y=\"{y + 1}\" width=\"{Html.N(headroom)}\" height=\"18\" class=\"bar headroom\"/>")
               .Append($"<text x=\"{Html.N(labelWidth + lift + headroom + 6)}\" y=\"{y + 14}\" class=\"value\">+{Html.N(row.Lift)} · {Html.N(row.Headroom)} {Html.E(openWord)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Per row, two bars on one 0–100 scale, last time (pale) above now (coloured by direction), and the change in
    /// points: the SME sees at a glance which areas moved and which way.
    /// </summary>
    // TODO(issue 18 merge): string shim
    public static string ChangeBars(IReadOnlyList<ChangeRow> rows, string title, string beforeText, string afterText)
    {
        const int rowHeight = 34, labelWidth = 300, barWidth = 300;
        // The second legend entry after the first's text (about 7 units a character in the small label font), and the
        // legend moved left over the labels' column when it would run off the chart: long legends (a destination report's
        // group names) neither overlap nor get cut.
        var afterLegend = Math.Max(170, 30 + beforeText.Length * 7);
        var legend = Math.Clamp(labelWidth + barWidth + 110 - (afterLegend + 16 + afterText.Length * 7), 0, labelWidth);
        var svg = new StringBuilder()
            .Append($"<svg class=\"chart change\" role=\"img\" viewBox=\"0 0 {labelWidth + barWidth + 110} {rows.Count * rowHeight + 30}\" width=\"100%\" aria-label=\"{Html.E(title)}\"><title>{Html.E(title)}</title>")
            .Append($"<rect x=\"{legend}\" y=\"4\" width=\"12\" height=\"12\" class=\"bar before\"/><text x=\"{legend + 16}\" y=\"14\" class=\"label small\">{Html.E(beforeText)}</text>")
            .Append($"<rect x=\"{legend + afterLegend}\" y=\"4\" width=\"12\" height=\"12\" class=\"bar\"/><text x=\"{legend + afterLegend + 16}\" y=\"14\" class=\"label small\">{Html.E(afterText)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = i * rowHeight + 26;
            var before = Math.Clamp(row.Before, 0, 100) / 100 * barWidth;
            var after = Math.Clamp(row.After, 0, 100) / 100 * barWidth;
            var delta = row.After - row.Before;
            var direction = Direction(row.Before, row.After);
            svg.Append($"<g class=\"change-row\" data-before=\"{Html.N(row.Before)}\" data-after=\"{Html.N(row.After)}\">")
               .Append($"<text x=\"{labelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\" class=\"label\">{Html.E(row.Label)}</text>")
               .Append($"<rect x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{Html.N(before)}\" height=\"10\" class=\"bar before\"/>")
               .Append($"<rect x=\"{labelWidth}\" y=\"{y + 14}\" width=\"{Html.N(after)}\" height=\"12\" class=\"bar {direction}\"/>")
               .Append($"<text x=\"{Html.N(labelWidth + Math.Max(before, after) + 6)}\" y=\"{y + 18}\" class=\"value {direction}\">{Html.N(row.Before)} → {Html.N(row.After)} ({Signed((int)Math.Round(delta))})</text></g>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A reliability diagram: predicted probability across, observed share up, the diagonal where they agree, a point per
    /// bin sized by its rows. Points under the diagonal are bins the model is too sure about.
    /// </summary>
    // TODO(issue 18 merge): string shim
    public static string Reliability(IReadOnlyList<ReliabilityPoint> points, string title, string predictedText, string observedText)
    {
        const int size = 240, margin = 40;
        double X(double p) => margin + p * size;
        double Y(double p) => margin + (1 - p) * size;
        var largest = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Rows));
        var svg = new StringBuilder()
            .Append($"<svg class=\"chart reliability\" role=\"img\" viewBox=\"0 0 {size + 2 * margin} {size + 2 * margin}\" width=\"100%\" aria-label=\"{Html.E(title)}\"><title>{Html.E(title)}</title>")
            .Append($"<rect x=\"{margin}\" y=\"{margin}\" width=\"{size}\" height=\"{size}\" class=\"track\"/>")
            .Append($"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\" class=\"diagonal\"/>");
        foreach (var tick in new[] { 0.0, 0.5, 1.0 })
            svg.Append($"<text x=\"{Html.N(X(tick))}\" y=\"{margin + size + 14}\" text-anchor=\"middle\" class=\"label small\">{Html.N(tick)}</text>")
               .Append($"<text x=\"{margin - 6}\" y=\"{Html.N(Y(tick) + 4)}\" text-anchor=\"end\" class=\"label small\">{Html.N(tick)}</text>");
        svg.Append($"<text x=\"{margin + size / 2}\" y=\"{margin + size + 32}\" text-anchor=\"middle\" class=\"label small\">{Html.E(predictedText)}</text>")
           .Append($"<text x=\"12\" y=\"{margin + size / 2}\" text-anchor=\"middle\" class=\"label small\" transform=\"rotate(-90 12 {margin + size / 2})\">{Html.E(observedText)}</text>");
        foreach (var p in points)
            svg.Append($"<circle cx=\"{Html.N(X(p.Predicted))}\" cy=\"{Html.N(Y(p.Observed))}\" r=\"{Html.N(3 + 7 * Math.Sqrt(p.Rows / (double)largest))}\" class=\"bar point\"><title>{Html.N(p.Predicted, "0.00")} → {Html.N(p.Observed, "0.00")} ({p.Rows})</title></circle>");
        return svg.Append("</svg>").ToString();
    }
}
