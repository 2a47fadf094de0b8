using System.Reflection;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>Calling an HTTP function as the worker does: a request, the authorization middleware around the function, the answer's JSON.</summary>
public static class FunctionCalls
{
    /// <summary>The advisor key <see cref="FunctionAppFixture"/> configures (it signs in "Karin Ek").</summary>
    public const string AdvisorKey = "function-app-test-key-0123456789";

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

    /// <summary>The authorization middleware around the function, as the worker runs them; true when the function ran. The response body is rewound for reading.</summary>
    public static async Task<bool> InvokeAsync(this FunctionAppFixture fixture, MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function)
    {
        var middleware = ActivatorUtilities.CreateInstance<AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var ran = false;
        await middleware.Invoke(new InvokedFunction(definition, http), async _ => { ran = true; await (await function()).ExecuteAsync(http); });
        http.Response.Body.Position = 0;
        return ran;
    }

    public static MethodInfo Method<T>(string name) => typeof(T).GetMethod(name)!;

    public static JsonElement Body(this HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.Clone();
    }
}
