using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The Function App believes forwarded headers as the local host does: only from a known front end (under the Functions
/// host, the host itself on loopback), through ASP.NET Core's forwarded-headers handling.
/// </summary>
public sealed class FrontEndFunctionTests : IAsyncLifetime
{
    private FunctionAppHost _app = null!;

    public async Task InitializeAsync() =>
        _app = await FunctionAppHost.StartAsync(new Dictionary<string, string?> { ["ExportReadiness:TrustedFrontEnd"] = "true" }, bootstrapModel: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpContext> ThroughFrontEndMiddlewareAsync(string connectedFrom)
    {
        var http = new DefaultHttpContext { RequestServices = _app.Services.CreateScope().ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse(connectedFrom);
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.9, 198.51.100.7:50123";
        http.Request.Headers["X-Forwarded-Proto"] = "https";
        await new FrontEndMiddleware().Invoke(new InvokedFunction(typeof(Functions.SmeFunctions).GetMethod(nameof(Functions.SmeFunctions.Questionnaire))!, http), _ => Task.CompletedTask);
        return http;
    }

    [Fact]
    public async Task Forwarded_headers_are_applied_from_the_functions_host_on_loopback_and_ignored_from_anywhere_else()
    {
        var fromHost = await ThroughFrontEndMiddlewareAsync("127.0.0.1");
        Assert.Equal("198.51.100.7", fromHost.Connection.RemoteIpAddress!.ToString()); // the entry the front end appended
        Assert.True(fromHost.Request.IsHttps);

        var fromElsewhere = await ThroughFrontEndMiddlewareAsync("10.1.2.3");
        Assert.Equal("10.1.2.3", fromElsewhere.Connection.RemoteIpAddress!.ToString());
        Assert.False(fromElsewhere.Request.IsHttps);
    }
}
