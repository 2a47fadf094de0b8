using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The authorization middleware never runs a function whose access rules it cannot read.</summary>
[Collection(FunctionAppCollection.Name)]
public class AuthorizationFailsClosedTests(FunctionAppFixture fixture)
{
    [Theory]
    [InlineData("ExportReadiness.FunctionApp.Functions.NoSuchFunctions.ListAssessments")]
    [InlineData("ExportReadiness.FunctionApp.Functions.AdvisorApiFunctions.NoSuchMethod")]
    [InlineData("NoNamespace")]
    public async Task A_function_whose_entry_point_cannot_be_resolved_is_refused_and_never_runs(string entryPoint)
    {
        var http = fixture.Request("GET", "/api/assessments");
        var middleware = ActivatorUtilities.CreateInstance<ExportReadiness.FunctionApp.AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var ran = false;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            middleware.Invoke(new InvokedFunction(entryPoint, "Unknown", http), _ => { ran = true; return Task.CompletedTask; }));

        Assert.False(ran);
        Assert.Contains(entryPoint, refused.Message);
    }

    [Fact]
    public async Task Through_the_problem_middleware_an_unresolvable_function_is_a_500_problem_not_an_anonymous_call()
    {
        var http = fixture.Request("GET", "/api/assessments", key: FunctionCalls.AdvisorKey);
        var problems = new ExportReadiness.FunctionApp.HttpProblemMiddleware();
        var authorization = ActivatorUtilities.CreateInstance<ExportReadiness.FunctionApp.AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var invocation = new InvokedFunction("ExportReadiness.FunctionApp.Functions.Gone.ListAssessments", "ListAssessments", http);
        var ran = false;

        await problems.Invoke(invocation, context => authorization.Invoke(context, _ => { ran = true; return Task.CompletedTask; }));

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Null(http.Response.Headers.RetryAfter.FirstOrDefault());
    }
}
