using System.Globalization;

namespace ExportReadiness.Application.Pages.Advisor;

/// <summary>Dates and times on the advisors' pages as they have always been written, whatever the page's language.</summary>
internal static class Dates
{
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Minute(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
