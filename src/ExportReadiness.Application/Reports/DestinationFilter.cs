using System.Globalization;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Reports;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Localization;

namespace ExportReadiness.Application.Reports;

/// <summary>
/// The destination report's query string: a group (<c>programme</c>, <c>sector</c>, <c>region</c>, <c>asOf</c>) and, when
/// any <c>compare…</c> parameter is set, a second group whose unset parameters are the first's. Shared by the API, its
/// CSV and the page.
/// </summary>
public static class DestinationFilter
{
    public const string Compare = "compare";
    public static readonly string[] Fields = ["programme", "sector", "region", "asOf"];

    /// <summary>The groups, and the errors of invalid parameters (in no language yet). Without a date a group is as of <paramref name="today"/>.</summary>
    public static (DestinationGroup Group, DestinationGroup? Comparison, Dictionary<string, Message[]> Errors) Parse(IQueryCollection q, DateOnly today)
    {
        var errors = new Dictionary<string, Message[]>();
        DateOnly? Date(string name)
        {
            var text = q[name].ToString().Trim();
            if (text.Length == 0) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            errors[name] = [Messages.UseDate];
            return null;
        }
        string? Text(string name) => AssessmentFilter.Identifier(q, name, errors);

        var group = new DestinationGroup(Text("programme"), Text("sector"), Text("region"), Date("asOf") ?? today);
        var compared = Fields.Any(f => q[Compare + Capitalised(f)].ToString().Trim().Length > 0);
        var comparison = compared
            ? new DestinationGroup(Text("compareProgramme") ?? group.Programme, Text("compareSector") ?? group.Sector, Text("compareRegion") ?? group.Region, Date("compareAsOf") ?? group.AsOf)
            : null;
        return (group, comparison, errors);
    }

    /// <summary>The query string that asks for these groups again (links between the page, the API and the CSV).</summary>
    public static string QueryString(DestinationGroup group, DestinationGroup? comparison, string lang)
    {
        var parts = new List<string> { $"lang={lang}" };
        void Add(string prefix, DestinationGroup g)
        {
            string[] values = [g.Programme ?? "", g.Sector ?? "", g.Region ?? "", g.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            for (var i = 0; i < Fields.Length; i++)
                if (values[i].Length > 0) parts.Add($"{(prefix.Length == 0 ? Fields[i] : prefix + Capitalised(Fields[i]))}={Uri.EscapeDataString(values[i])}");
        }
        Add("", group);
        if (comparison is not null) Add(Compare, comparison);
        return string.Join("&", parts);
    }

    private static string Capitalised(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
