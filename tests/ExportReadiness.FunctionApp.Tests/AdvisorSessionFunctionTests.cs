using System.Net;
using System.Reflection;
using System.Text;
using ExportReadiness.Application.Access;
using ExportReadiness.FunctionApp.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The advisor session holds in the Function App as in the local host: the sign-in function's cookie signs the advisor in
/// to advisor functions, a cookie-signed state change needs the page's antiforgery token, sign-out ends every copy of the
/// cookie, and wrong keys from one client end in 429.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public class AdvisorSessionFunctionTests(FunctionAppFixture fixture)
{
    private const string Key = "function-app-test-key-0123456789";

    private DefaultHttpContext Request(string method, string path, IReadOnlyDictionary<string, string>? cookies = null, string client = "192.0.2.10")
    {
        var http = new DefaultHttpContext { RequestServices = fixture.App.Services.CreateScope().ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        http.Connection.RemoteIpAddress = IPAddress.Parse(client);
        if (cookies is { Count: > 0 }) http.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
        return http;
    }

    /// <summary>The cookies a browser keeps after this answer.</summary>
    private static Dictionary<string, string> Keep(Dictionary<string, string> cookies, HttpContext answered) => FunctionAppBrowser.Keep(cookies, answered);

    private static string Body(HttpContext http) => FunctionAppBrowser.Body(http);

    private static string Token(string page) => FunctionAppBrowser.AntiforgeryToken(page);

    private static MethodInfo Method<T>(string name) => typeof(T).GetMethod(name)!;

    /// <summary>The worker's middlewares around a function; the function itself is <paramref name="function"/> when given, else a stub.</summary>
    private async Task<bool> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task>? function = null)
    {
        var middleware = ActivatorUtilities.CreateInstance<AdvisorAuthorizationMiddleware>(fixture.App.Services);
        var ran = false;
        await middleware.Invoke(new InvokedFunction(definition, http), async _ => { ran = true; if (function is not null) await function(); });
        return ran;
    }

    private async Task<Dictionary<string, string>> SignInAsync()
    {
        var functions = fixture.App.Function<AdvisorSignInFunctions>();
        var form = Request("GET", "/advisor/login");
        await functions.AdvisorSignInForm(form.Request).ExecuteAsync(form);
        var cookies = Keep([], form);

        var post = Request("POST", "/advisor/login", cookies);
        post.Request.ContentType = "application/x-www-form-urlencoded";
        post.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
            $"key={Uri.EscapeDataString(Key)}&{AdvisorAntiforgery.FormFieldName}={Uri.EscapeDataString(Token(Body(form)))}"));
        await (await functions.AdvisorSignIn(post.Request)).ExecuteAsync(post);
        Assert.Equal((int)HttpStatusCode.Redirect, post.Response.StatusCode);
        return Keep(cookies, post);
    }

    /// <summary>The dashboard as the signed-in advisor sees it, and the antiforgery token its forms and scripts carry.</summary>
    private async Task<string> DashboardTokenAsync(Dictionary<string, string> cookies)
    {
        var http = Request("GET", "/advisor", cookies);
        Assert.True(await InvokeAsync(Method<AdvisorPageFunctions>(nameof(AdvisorPageFunctions.AdvisorDashboard)), http,
            async () => await (await fixture.App.Function<AdvisorPageFunctions>().AdvisorDashboard(http.Request, default)).ExecuteAsync(http)));
        Keep(cookies, http);
        return Token(Body(http));
    }

    [Fact]
    public async Task The_sign_in_functions_session_cookie_signs_the_advisor_in_to_advisor_functions_without_holding_the_key()
    {
        var cookies = await SignInAsync();
        Assert.DoesNotContain(cookies.Values, v => Uri.UnescapeDataString(v).Contains(Key, StringComparison.Ordinal));

        var http = Request("GET", "/api/assessments", cookies);
        Assert.True(await InvokeAsync(Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.ListAssessments)), http));
        Assert.Equal("Karin Ek", http.User.Identity?.Name);
    }

    [Fact]
    public async Task A_state_change_signed_in_by_the_session_cookie_needs_the_pages_antiforgery_token_in_the_function_app_too()
    {
        var cookies = await SignInAsync();
        var start = Method<RescoreFunctions>(nameof(RescoreFunctions.StartRescore));

        var forged = Request("POST", "/api/admin/rescore", cookies);
        Assert.False(await InvokeAsync(start, forged));
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Response.StatusCode);
        Assert.StartsWith("application/problem+json", forged.Response.ContentType);
        Assert.Contains(AdvisorAntiforgery.HeaderName, Body(forged));

        var token = await DashboardTokenAsync(cookies);
        var fromPage = Request("POST", "/api/admin/rescore", cookies);
        fromPage.Request.Headers[AdvisorAntiforgery.HeaderName] = token;
        Assert.True(await InvokeAsync(start, fromPage));
    }

    [Fact]
    public async Task A_state_change_with_the_key_header_needs_no_antiforgery_token_in_the_function_app()
    {
        var http = Request("POST", "/api/admin/rescore");
        http.Request.Headers[AdvisorKeys.Header] = Key;
        Assert.True(await InvokeAsync(Method<RescoreFunctions>(nameof(RescoreFunctions.StartRescore)), http));
    }

    [Fact]
    public async Task Signing_out_through_the_function_ends_the_session_for_a_copy_of_its_cookie()
    {
        var cookies = await SignInAsync();
        var copied = new Dictionary<string, string>(cookies);
        var token = await DashboardTokenAsync(cookies);

        var signOut = Request("POST", "/advisor/logout", cookies);
        signOut.Request.ContentType = "application/x-www-form-urlencoded";
        signOut.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes($"{AdvisorAntiforgery.FormFieldName}={Uri.EscapeDataString(token)}"));
        await (await fixture.App.Function<AdvisorSignInFunctions>().AdvisorSignOut(signOut.Request)).ExecuteAsync(signOut);
        Assert.Equal((int)HttpStatusCode.Redirect, signOut.Response.StatusCode);

        var replay = Request("GET", "/api/assessments", copied);
        Assert.False(await InvokeAsync(Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.ListAssessments)), replay));
        Assert.Equal((int)HttpStatusCode.Unauthorized, replay.Response.StatusCode);
    }

    [Fact]
    public async Task The_11th_wrong_key_in_a_minute_from_one_client_is_429_in_the_function_app_while_another_client_gets_through()
    {
        var list = Method<AdvisorApiFunctions>(nameof(AdvisorApiFunctions.ListAssessments));
        DefaultHttpContext WithKey(string key, string client)
        {
            var http = Request("GET", "/api/assessments", client: client);
            http.Request.Headers[AdvisorKeys.Header] = key;
            return http;
        }

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var wrong = WithKey($"guess-{attempt}-0123456789abcdef", "198.51.100.20");
            Assert.False(await InvokeAsync(list, wrong));
            Assert.Equal((int)HttpStatusCode.Unauthorized, wrong.Response.StatusCode);
        }
        var eleventh = WithKey(Key, "198.51.100.20");
        Assert.False(await InvokeAsync(list, eleventh));
        Assert.Equal((int)HttpStatusCode.TooManyRequests, eleventh.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(eleventh.Response.Headers.RetryAfter));

        Assert.True(await InvokeAsync(list, WithKey(Key, "198.51.100.21")));
    }
}
