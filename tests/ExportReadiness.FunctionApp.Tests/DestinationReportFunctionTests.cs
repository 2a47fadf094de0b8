using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The destination report's functions in the Function App: advisors only, the same report as the local host's, against Azurite.</summary>
[Collection(FunctionAppCollection.Name)]
public class DestinationReportFunctionTests(FunctionAppFixture fixture)
{
    private const string Key = FunctionCalls.AdvisorKey;

    private DefaultHttpContext Request(string path, string query, string? key) => fixture.Request("GET", path, key, query: query);

    private static MethodInfo Method<T>(string name) => FunctionCalls.Method<T>(name);

    private Task<bool> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function) => fixture.InvokeAsync(definition, http, function);

    private async Task StoreScoredAsync(string programme, AssessmentBuilder builder)
    {
        await fixture.App.Services.GetRequiredService<IAssessmentStore>().AddAsync(builder.InProgramme(programme).ToAssessment() with
        {
            Status = AssessmentStatus.Scored,
            Result = new ScoringResult(70, ReadinessLevel.Ready, 0.7, [new DimensionScore("marketing", 50)], [], "v1", DateTimeOffset.UtcNow),
        }, default);
    }

    [Fact]
    public async Task The_destination_report_functions_answer_an_advisor_and_refuse_anyone_else_without_running()
    {
        var programme = Unique.Programme("fa-dest");
        await StoreScoredAsync(programme, AssessmentBuilder.Strong().InSector("tourism"));
        await StoreScoredAsync(programme, AssessmentBuilder.Strong().InSector("tourism").WithAnswer("tour_bookable_packages", "none"));
        var api = fixture.App.Function<AdvisorApiFunctions>();
        var pages = fixture.App.Function<AdvisorPageFunctions>();
        var report = Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.DestinationReport));

        var refused = Request("/api/reports/destination", $"?programme={programme}", key: null);
        Assert.False(await InvokeAsync(report, refused, () => api.DestinationReport(refused.Request, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.Response.StatusCode);

        var json = Request("/api/reports/destination", $"?programme={programme}", Key);
        Assert.True(await InvokeAsync(report, json, () => api.DestinationReport(json.Request, default)));
        Assert.Equal((int)HttpStatusCode.OK, json.Response.StatusCode);
        var group = JsonDocument.Parse(json.Response.Body).RootElement.GetProperty("group");
        Assert.Equal(2, group.GetProperty("products").GetInt32());
        Assert.Equal(0.5, group.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "tour_bookable_packages").GetProperty("share").GetDouble());

        var csv = Request("/api/reports/destination.csv", $"?programme={programme}", Key);
        Assert.True(await InvokeAsync(Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.DestinationReportCsv)), csv, () => api.DestinationReportCsv(csv.Request, default)));
        Assert.Contains("criterion,tour_bookable_packages,", new StreamReader(csv.Response.Body, Encoding.UTF8).ReadToEnd());

        var page = Request("/advisor/reports/destination", $"?programme={programme}&lang=en", Key);
        Assert.True(await InvokeAsync(Method<AdvisorPageFunctions>(nameof(AdvisorPageFunctions.AdvisorDestinationReport)), page, () => pages.AdvisorDestinationReport(page.Request, default)));
        Assert.Equal((int)HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("Commissionable net rates", new StreamReader(page.Response.Body, Encoding.UTF8).ReadToEnd());
    }
}
