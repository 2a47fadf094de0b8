using ExportReadiness.Core.Reports;

namespace ExportReadiness.Application.Pages.Reports;

/// <summary>How the reports write their figures: shares as whole percents, differences as signed points.</summary>
public static class ReportFigures
{
    public static string Percent(double share) => PageFormat.N(Math.Round(share * 100), "0") + " %";

    /// <summary>A difference as signed points (shares × 100 are percentage points); "—" when either side has none.</summary>
    public static string Points(double? value, double scale) => Math.Round((value ?? 0) * scale, 1) switch
    {
        _ when value is null => "—",
        > 0 and var v => "+" + PageFormat.N(v),
        < 0 and var v => "−" + PageFormat.N(-v),
        _ => "±0",
    };

    /// <summary>A group's average in a dimension; null when none of its products has one.</summary>
    public static double? Average(DestinationReport report, string dimension) => report.Dimensions.FirstOrDefault(x => x.Id == dimension)?.Average;
}
