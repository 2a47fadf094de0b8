using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// A browser talking to the Function App as the Functions host would route it: a request goes to the HTTP function whose
/// trigger has its method and route, through the worker's problem and authorization middleware, with the route's values
/// bound to the function's parameters; the cookies the answers set are kept and sent back, as a browser does.
/// </summary>
public sealed partial class FunctionAppBrowser(FunctionAppFixture fixture)
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Every HTTP function: its method, its trigger's methods and route.</summary>
    public static IReadOnlyList<(MethodInfo Function, string[] Methods, string Route)> HttpFunctions() =>
        FunctionAppHost.FunctionClasses().SelectMany(t => t.GetMethods())
            .Select(m => (Function: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Function, f.Trigger!.Methods!.Select(m => m.ToUpperInvariant()).ToArray(), f.Trigger.Route!))
            .ToList();

    /// <summary>Sends the request to its function; the context holds the answer (its body rewound).</summary>
    public async Task<DefaultHttpContext> SendAsync(string method, string pathAndQuery, HttpContent? content = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (path, query) = pathAndQuery.IndexOf('?') is var q and >= 0 ? (pathAndQuery[..q], pathAndQuery[q..]) : (pathAndQuery, "");
        var values = new RouteValueDictionary();
        var (function, _, _) = HttpFunctions().SingleOrDefault(f => f.Methods.Contains(method) && new TemplateMatcher(TemplateParser.Parse(f.Route), new RouteValueDictionary()).TryMatch(path, values));
        if (function is null) throw new InvalidOperationException($"No function answers {method} {path}.");

        var http = new DefaultHttpContext { RequestServices = fixture.App.Services.CreateScope().ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);
        http.Response.Body = new MemoryStream();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) http.Request.Headers[name] = value;
        if (Cookies.Count > 0) http.Request.Headers.Cookie = string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}"));
        if (content is not null)
        {
            http.Request.ContentType = content.Headers.ContentType?.ToString();
            http.Request.Body = new MemoryStream(await content.ReadAsByteArrayAsync());
        }

        var invocation = new InvokedFunction(function, http);
        var authorization = ActivatorUtilities.CreateInstance<AdvisorAuthorizationMiddleware>(fixture.App.Services);
        await new HttpProblemMiddleware().Invoke(invocation, context => authorization.Invoke(context, _ => RunAsync(function, http, values)));
        Keep(http);
        http.Response.Body.Position = 0;
        return http;
    }

    /// <summary>
    /// An SME's result link as the result page's script opens it: the page's open form posts the token (the link
    /// carries it in its fragment, never sent) with the page's antiforgery token, for the page's cookie.
    /// </summary>
    public async Task<DefaultHttpContext> OpenResultAsync(string id, string token, string? lang = null)
    {
        var query = lang is null ? "" : $"?lang={lang}";
        var page = Body(await SendAsync("GET", $"/result/{id}{query}"));
        return await SendAsync("POST", $"/result/{id}/open{query}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }

    public static string Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        var text = new StreamReader(http.Response.Body, Encoding.UTF8, leaveOpen: true).ReadToEnd();
        http.Response.Body.Position = 0;
        return text;
    }

    /// <summary>The function called as the worker binds it: the request, the route's values by name, the cancellation token.</summary>
    private async Task RunAsync(MethodInfo function, DefaultHttpContext http, RouteValueDictionary values)
    {
        var target = ActivatorUtilities.CreateInstance(fixture.App.Services, function.DeclaringType!);
        var arguments = function.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => http.Request,
            var t when t == typeof(CancellationToken) => (object)CancellationToken.None,
            var t when t == typeof(string) => values[p.Name!]?.ToString(),
            var t => throw new InvalidOperationException($"{function.Name}: cannot bind a {t.Name}."),
        }).ToArray();
        var returned = function.Invoke(target, arguments);
        var result = returned switch
        {
            Task<IResult> task => await task,
            IResult done => done,
            _ => throw new InvalidOperationException($"{function.Name} returns {returned?.GetType().Name}, not an IResult."),
        };
        await result.ExecuteAsync(http);
    }

    private void Keep(HttpContext answered) => Keep(Cookies, answered);

    /// <summary>Keeps the cookies an answer sets in <paramref name="cookies"/>, and drops the ones it deletes, as a browser does.</summary>
    public static Dictionary<string, string> Keep(Dictionary<string, string> cookies, HttpContext answered)
    {
        foreach (var line in answered.Response.Headers.SetCookie.Select(l => l!))
        {
            var pair = line.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            if (value.Length == 0) cookies.Remove(name);
            else cookies[name] = value;
        }
        return cookies;
    }

    /// <summary>The antiforgery token a page gives its forms (hidden field) and scripts (meta tag).</summary>
    public static string AntiforgeryToken(string page) => WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);

    [GeneratedRegex("(?:name=\"__RequestVerificationToken\" value|name=\"request-verification-token\" content)=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
