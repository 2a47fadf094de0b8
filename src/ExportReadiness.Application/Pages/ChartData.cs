namespace ExportReadiness.Application.Pages;

/// <summary>
/// What the charts draw (<see cref="HorizontalBarChart"/>, <see cref="ColumnChart"/>, <see cref="LiftAndHeadroomChart"/>,
/// <see cref="ChangeBarChart"/>, <see cref="ReliabilityChart"/>): small server-rendered SVG, no script, no CDN, and they print.
/// </summary>
public static partial class Charts
{
    /// <summary>One bar or column: its label, its value and an extra class (<c>good</c>, <c>mid</c>, <c>weak</c>, …).</summary>
    public sealed record Bar(string Label, double Value, string? Css = null);

    /// <summary>One row of a <see cref="LiftAndHeadroomChart"/>: points an area's answers earn, and points its top answers would add.</summary>
    public sealed record Contribution(string Label, double Lift, double Headroom);

    /// <summary>One row of a <see cref="ChangeBarChart"/>: a dimension's (or the overall) score last time and now.</summary>
    public sealed record ChangeRow(string Label, double Before, double After);

    /// <summary>One point of a <see cref="ReliabilityChart"/>: a probability bin's mean predicted and observed share, and its rows.</summary>
    public sealed record ReliabilityPoint(double Predicted, double Observed, int Rows);

    /// <summary>A change in points as people write it: +5, −3, ±0.</summary>
    public static string Signed(int delta) => delta > 0 ? $"+{delta}" : delta < 0 ? $"−{-delta}" : "±0";

    /// <summary>A bar's length on a 0..<paramref name="max"/> scale drawn <paramref name="full"/> long: never negative, never past the end, never NaN.</summary>
    public static double Length(double value, double max, double full) =>
        max <= 0 || double.IsNaN(value) ? 0 : Math.Clamp(value / max, 0, 1) * full;

    /// <summary>Which way a score moved, as the change charts colour it: <c>up</c>, <c>down</c> or <c>same</c>.</summary>
    public static string Direction(double before, double after) => after > before ? "up" : after < before ? "down" : "same";
}
