using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Access;
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
    private const string Key = "function-app-test-key-0123456789";

    private DefaultHttpContext Request(string method, string path, string? key, string? json = null)
    {
        var http = new DefaultHttpContext { RequestServices = fixture.App.Services.CreateScope().ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        if (key is not null) http.Request.Headers[AdvisorKeys.Header] = key;
        if (json is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }
        return http;
    }

    private static MethodInfo Method(string name) => typeof(FunnelFunctions).GetMethod(name)!;

    /// <summary>The worker's authorization middleware around the function; true when the function ran.</summary>
    private async Task<bool> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function)
    {
        var middleware = ActivatorUtilities.CreateInstance<AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var ran = false;
        await middleware.Invoke(new InvokedFunction(definition, http), async _ => { ran = true; await (await function()).ExecuteAsync(http); });
        return ran;
    }

    private static JsonElement Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.Clone();
    }

    [Fact]
    public async Task The_move_function_records_the_signed_in_advisor_and_the_funnel_function_counts_the_move_while_a_caller_without_a_key_is_refused()
    {
        var programme = $"fa-funnel-{Guid.NewGuid():N}"[..20];
        var submission = AssessmentBuilder.Mixed().InProgramme(programme).ToSubmission();
        var assessment = new Assessment
        {
            Id = AssessmentIntake.NewId(), Programme = programme, SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        };
        await fixture.App.Services.GetRequiredService<IAssessmentStore>().AddAsync(assessment, default);
        var functions = fixture.App.Function<FunnelFunctions>();
        var move = JsonSerializer.Serialize(new { stage = "selected", date = DateTime.UtcNow.ToString("yyyy-MM-dd"), note = "Pilot i Norge" });

        var refused = Request("POST", $"/api/products/{assessment.Id}/stages", key: null, move);
        Assert.False(await InvokeAsync(Method(nameof(FunnelFunctions.MoveProductStage)), refused, () => functions.MoveProductStage(refused.Request, assessment.Id, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.Response.StatusCode);

        var post = Request("POST", $"/api/products/{assessment.Id}/stages", Key, move);
        Assert.True(await InvokeAsync(Method(nameof(FunnelFunctions.MoveProductStage)), post, () => functions.MoveProductStage(post.Request, assessment.Id, default)));
        Assert.Equal((int)HttpStatusCode.Created, post.Response.StatusCode);
        var recorded = Body(post).GetProperty("history")[1];
        Assert.Equal("Karin Ek", recorded.GetProperty("advisor").GetString());

        var report = Request("GET", "/api/reports/funnel", Key);
        report.Request.QueryString = new QueryString($"?programme={programme}");
        Assert.True(await InvokeAsync(Method(nameof(FunnelFunctions.Funnel)), report, () => functions.Funnel(report.Request, default)));
        Assert.Equal("1 → 1 → 0 → 0 → 0", Body(report).GetProperty("total").GetProperty("chain").GetString());
    }
}
