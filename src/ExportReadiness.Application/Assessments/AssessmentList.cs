using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Application.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Assessments;

/// <summary>One row of the advisor's list: enough to scan a portfolio, none of the answers.</summary>
public sealed record AssessmentSummary(
    string Id, string Programme, AssessmentStatus Status, DateTimeOffset SubmittedAt,
    string CompanyName, string Sector, string Region, string ProductName,
    int? ReadinessScore, ReadinessLevel? Level, string? ModelVersion, Verdict? ReviewVerdict);

public sealed record AssessmentList(IReadOnlyList<AssessmentSummary> Items, string? ContinuationToken);

public static class AssessmentSummaryMapping
{
    public static AssessmentSummary AsSummary(this Assessment a) => new(
        a.Id, a.Programme, a.Status, a.SubmittedAt, a.Company.Name, a.Company.Sector, a.Company.Region, a.Product.Name,
        a.Result?.ReadinessScore, a.Result?.Level, a.Result?.ModelVersion, a.Review?.Verdict);
}

/// <summary>The filters shared by the list, the portfolio report and the CSV export, read from the query string.</summary>
public static class AssessmentFilter
{
    /// <summary>The query, and the errors of invalid filters (in no language yet).</summary>
    public static (AssessmentQuery Query, Dictionary<string, Message[]> Errors) Parse(IQueryCollection q)
    {
        var errors = new Dictionary<string, Message[]>();
        T? Enum<T>(string name) where T : struct, System.Enum
        {
            var text = q[name].ToString();
            if (text.Length == 0) return null;
            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)) return value;
            errors[name] = [Messages.UseOneOf(System.Enum.GetNames<T>())];
            return null;
        }
        string? Text(string name) => Identifier(q, name, errors);
        var query = new AssessmentQuery(Text("programme"), Enum<ReadinessLevel>("level"), Text("sector"), Text("region"),
            Enum<AssessmentStatus>("status"), Enum<Verdict>("verdict"));
        return (query, errors);
    }

    /// <summary>A programme, sector or region filter: null when absent; an error under <paramref name="name"/> when not an identifier.</summary>
    public static string? Identifier(IQueryCollection q, string name, Dictionary<string, Message[]> errors)
    {
        var text = q[name].ToString().Trim();
        if (text.Length == 0) return null;
        if (text.Length > 64 || !Identifiers.IsValid(text)) { errors[name] = [Messages.NotAValidValue]; return null; }
        return text;
    }
}
