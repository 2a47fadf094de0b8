using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Functions.Assessments;

/// <summary>One row of the advisor's list: enough to scan a portfolio, none of the answers.</summary>
public sealed record AssessmentSummary(
    string Id, string Programme, AssessmentStatus Status, DateTimeOffset SubmittedAt,
    string CompanyName, string Sector, string Region, string ProductName,
    int? ReadinessScore, ReadinessLevel? Level, string? ModelVersion, Verdict? ReviewVerdict);

public sealed record AssessmentList(IReadOnlyList<AssessmentSummary> Items, string? ContinuationToken);

public static class AssessmentListEndpoint
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    internal static async Task<Results<Ok<AssessmentList>, ValidationProblem>> List(
        HttpRequest request, IAssessmentStore store, CancellationToken cancellationToken)
    {
        var (query, errors) = AssessmentFilter.Parse(request.Query);
        var pageSize = DefaultPageSize;
        if (request.Query.TryGetValue("pageSize", out var size) && (!int.TryParse(size, out pageSize) || pageSize is < 1 or > MaxPageSize))
            errors["pageSize"] = [$"A whole number from 1 to {MaxPageSize}."];
        if (errors.Count > 0) return Problems.Invalid(errors, "The list filters are invalid.");

        var token = request.Query["continuationToken"].ToString();
        var page = await store.ListAsync(query, token.Length == 0 ? null : token, pageSize, cancellationToken);
        return TypedResults.Ok(new AssessmentList(page.Items.Select(a => a.AsSummary()).ToList(), page.ContinuationToken));
    }

    public static AssessmentSummary AsSummary(this Assessment a) => new(
        a.Id, a.Programme, a.Status, a.SubmittedAt, a.Company.Name, a.Company.Sector, a.Company.Region, a.Product.Name,
        a.Result?.ReadinessScore, a.Result?.Level, a.Result?.ModelVersion, a.Review?.Verdict);
}

/// <summary>The filters shared by the list, the portfolio report and the CSV export, read from the query string.</summary>
public static class AssessmentFilter
{
    public static (AssessmentQuery Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection q)
    {
        var errors = new Dictionary<string, string[]>();
        T? Enum<T>(string name) where T : struct, System.Enum
        {
            var text = q[name].ToString();
            if (text.Length == 0) return null;
            if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)) return value;
            errors[name] = [$"Use one of: {string.Join(", ", System.Enum.GetNames<T>())}."];
            return null;
        }
        string? Text(string name)
        {
            var text = q[name].ToString().Trim();
            if (text.Length == 0) return null;
            if (text.Length > 64 || !Storage.TableKeys.IsValid(text)) { errors[name] = ["Not a valid value."]; return null; }
            return text;
        }
        var query = new AssessmentQuery(Text("programme"), Enum<ReadinessLevel>("level"), Text("sector"), Text("region"),
            Enum<AssessmentStatus>("status"), Enum<Verdict>("verdict"));
        return (query, errors);
    }
}
