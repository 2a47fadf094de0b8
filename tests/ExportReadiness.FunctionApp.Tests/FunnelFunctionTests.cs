using System.Net;
using System.Reflection;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The Function App's funnel functions: advisors only, a move recorded with the signed-in advisor, the report counting it.</summary>
[Collection(FunctionAppCollection.Name)]
public class FunnelFunctionTests(FunctionAppFixture fixture)
{
    private static MethodInfo Method(string name) => typeof(FunnelFunctions).GetMethod(name)!;

    [Fact]
    public async Task The_move_function_records_the_signed_in_advisor_and_the_funnel_function_counts_the_move_while_a_caller_without_a_key_is_refused()
    {
        var programme = Unique.Programme("fa-funnel");
        // First assessed on a day the test chose, and moved that day: nothing here reads a clock.
        var assessment = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(submittedAt: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await fixture.App.Services.GetRequiredService<IAssessmentStore>().AddAsync(assessment, default);
        var functions = fixture.App.Function<FunnelFunctions>();
        var move = JsonSerializer.Serialize(new { stage = "selected", date = "2026-03-02", note = "Pilot i Norge" });

        var refused = fixture.Request("POST", $"/api/products/{assessment.Id}/stages", key: null, move);
        Assert.False(await fixture.InvokeAsync(Method(nameof(FunnelFunctions.MoveProductStage)), refused, () => functions.MoveProductStage(refused.Request, assessment.Id, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.Response.StatusCode);

        var post = fixture.Request("POST", $"/api/products/{assessment.Id}/stages", FunctionCalls.AdvisorKey, move);
        Assert.True(await fixture.InvokeAsync(Method(nameof(FunnelFunctions.MoveProductStage)), post, () => functions.MoveProductStage(post.Request, assessment.Id, default)));
        Assert.Equal((int)HttpStatusCode.Created, post.Response.StatusCode);
        var recorded = post.Body().GetProperty("history")[1];
        Assert.Equal("Karin Ek", recorded.GetProperty("advisor").GetString());
        Assert.Equal("2026-03-02", recorded.GetProperty("date").GetString());

        var report = fixture.Request("GET", "/api/reports/funnel", FunctionCalls.AdvisorKey);
        report.Request.QueryString = new QueryString($"?programme={programme}");
        Assert.True(await fixture.InvokeAsync(Method(nameof(FunnelFunctions.Funnel)), report, () => functions.Funnel(report.Request, default)));
        Assert.Equal("1 → 1 → 0 → 0 → 0", report.Body().GetProperty("total").GetProperty("chain").GetString());
    }
}
