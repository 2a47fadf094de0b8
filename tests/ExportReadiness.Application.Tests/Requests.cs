using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests;

/// <summary>
/// Requests as a host hands them to a handler: a <see cref="DefaultHttpContext"/> over the app's services with a path,
/// query, body and headers; for an advisor, the principal the host's authorization step would have put on it, from the
/// real advisor scheme. Results are read as typed results, or executed into the response like a host does.
/// </summary>
public static class Requests
{
    public static HttpContext Request(this ApplicationUnderTest app, string method, string target, string? body = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = app.RequestServices() };
        var query = target.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = query < 0 ? target : target[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(target[query..]);
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentType = contentType;
            context.Request.ContentLength = bytes.Length;
        }
        return context;
    }

    public static HttpContext Get(this ApplicationUnderTest app, string target) => app.Request(HttpMethods.Get, target);

    public static HttpContext Post(this ApplicationUnderTest app, string target, object body) => app.Request(HttpMethods.Post, target, Json(body));

    public static HttpContext Put(this ApplicationUnderTest app, string target, object body) => app.Request(HttpMethods.Put, target, Json(body));

    public static HttpContext WithHeader(this HttpContext context, string name, string value)
    {
        context.Request.Headers[name] = value;
        return context;
    }

    /// <summary>The SME's access token, as its client sends it.</summary>
    public static HttpContext WithToken(this HttpContext context, string token) => context.WithHeader(AssessmentHandlers.TokenHeader, token);

    /// <summary>Signed in with an advisor's key, as the host's authentication and authorization steps leave the request.</summary>
    public static async Task<HttpContext> AsAdvisorAsync(this HttpContext context, string key = ApplicationUnderTest.AdvisorKey)
    {
        context.WithHeader(AdvisorKeys.Header, key);
        var signedIn = await context.AuthenticateAsync(AdvisorAuthentication.SchemeName);
        Assert.True(signedIn.Succeeded, signedIn.Failure?.Message);
        context.User = signedIn.Principal!;
        return context;
    }

    /// <summary>Runs the result as a host would and reads what the client receives.</summary>
    public static async Task<(int Status, string Body)> RenderAsync(this IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, leaveOpen: true);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    /// <summary>The problem a handler answered, whether it is a <see cref="ProblemHttpResult"/> or a <see cref="ValidationProblem"/>.</summary>
    public static (int Status, IDictionary<string, string[]> Errors, string? Title) Problem(this IResult result) => result switch
    {
        ValidationProblem v => (v.StatusCode, v.ProblemDetails.Errors, v.ProblemDetails.Title),
        ProblemHttpResult p => (p.StatusCode, (p.ProblemDetails as HttpValidationProblemDetails)?.Errors ?? new Dictionary<string, string[]>(), p.ProblemDetails.Title),
        _ => throw new Xunit.Sdk.XunitException($"Expected a problem, got {result.GetType().Name}."),
    };

    public static string Json(object body) => body as string ?? JsonSerializer.Serialize(body);
}
