using System.Reflection;
using System.Text;
using ExportReadiness.Application.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// How the tests call an HTTP function as the worker would: a request as the ASP.NET Core integration hands it over, and
/// the worker's authorization middleware around the function, whose result is then written to the response.
/// </summary>
public static class FunctionInvocations
{
    public static DefaultHttpContext Request(this FunctionAppFixture fixture, string method, string path, string? key = null, string? json = null, string? query = null)
    {
        var http = new DefaultHttpContext { RequestServices = fixture.App.Services.CreateScope().ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = path;
        if (query is not null) http.Request.QueryString = new QueryString(query);
        http.Response.Body = new MemoryStream();
        if (key is not null) http.Request.Headers[AdvisorKeys.Header] = key;
        if (json is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }
        return http;
    }

    /// <summary>True when the function ran (the middleware let it); the response body is rewound for reading.</summary>
    public static async Task<bool> InvokeAsync(this FunctionAppFixture fixture, MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function)
    {
        var middleware = ActivatorUtilities.CreateInstance<AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var ran = false;
        await middleware.Invoke(new InvokedFunction(definition, http), async _ => { ran = true; await (await function()).ExecuteAsync(http); });
        http.Response.Body.Position = 0;
        return ran;
    }

    public static MethodInfo Method<T>(string name) => typeof(T).GetMethod(name)!;
}
