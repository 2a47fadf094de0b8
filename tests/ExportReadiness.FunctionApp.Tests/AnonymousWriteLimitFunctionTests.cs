using System.Net;
using ExportReadiness.FunctionApp.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The Function App limits each client's anonymous writes as the local host does; other functions and clients are not affected.</summary>
public sealed class AnonymousWriteLimitFunctionTests : IAsyncLifetime
{
    private FunctionAppHost _app = null!;

    public async Task InitializeAsync() =>
        _app = await FunctionAppHost.StartAsync(new Dictionary<string, string?> { ["ExportReadiness:AnonymousWrites:PermitLimit"] = "2" }, bootstrapModel: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(bool Ran, int Status, string RetryAfter)> InvokeAsync(string function, string client)
    {
        var http = new DefaultHttpContext { RequestServices = _app.Services.CreateScope().ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse(client);
        http.Request.Method = "POST";
        http.Response.Body = new MemoryStream();
        var method = typeof(SmeFunctions).GetMethod(function) ?? typeof(ActionPlanFunctions).GetMethod(function)!;
        var ran = false;
        var middleware = ActivatorUtilities.CreateInstance<AnonymousWriteLimitMiddleware>(_app.Services);
        await middleware.Invoke(new InvokedFunction(method, http), _ => { ran = true; return Task.CompletedTask; });
        return (ran, http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Past_its_limit_a_clients_submission_or_plan_change_is_429_with_retry_after_and_never_runs()
    {
        Assert.True((await InvokeAsync(nameof(SmeFunctions.SubmitAssessment), "198.51.100.7")).Ran);
        Assert.True((await InvokeAsync(nameof(ActionPlanFunctions.AddAction), "198.51.100.7")).Ran);
        var refused = await InvokeAsync(nameof(SmeFunctions.SubmitAssessment), "198.51.100.7");
        Assert.False(refused.Ran);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Status);
        Assert.NotEmpty(refused.RetryAfter);
        Assert.False((await InvokeAsync(nameof(ActionPlanFunctions.ChangeActionFromResult), "198.51.100.7")).Ran);

        Assert.True((await InvokeAsync(nameof(SmeFunctions.Questionnaire), "198.51.100.7")).Ran); // reading is not limited
        Assert.True((await InvokeAsync(nameof(SmeFunctions.SubmitAssessment), "198.51.100.8")).Ran); // another client
    }
}
