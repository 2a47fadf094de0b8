using System.Globalization;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// A page: a Razor component rendered to HTML by <see cref="HtmlRenderer"/> in the request's language and written
/// with its status. Both hosts answer pages this way (an <see cref="IResult"/> executes the same in the Function
/// App's ASP.NET Core integration and in Kestrel); no page runs interactively, so no circuit or script of Blazor's is needed.
/// </summary>
public sealed class PageResult(Type component, IReadOnlyDictionary<string, object?> parameters, int status) : IResult
{
    public Type Component => component;

    public int StatusCode => status;

    public async Task ExecuteAsync(HttpContext http)
    {
        var culture = RequestLanguage.Of(http.Request);
        // A page opened with ?lang= keeps the choice for the pages (and API answers) that follow without one.
        if (RequestLanguage.FromQuery(http.Request) is { } chosen && http.Request.Cookies[RequestLanguage.Cookie] != chosen.Name)
            http.Response.Cookies.Append(RequestLanguage.Cookie, chosen.Name, new CookieOptions
            {
                Path = "/", HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        var html = await RenderAsync(new PageContext(http, culture), component, parameters);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    /// <summary>A component's HTML for a request, in a language: what a page writes, and what the component tests read.</summary>
    public static async Task<string> RenderAsync(PageContext page, Type component, IReadOnlyDictionary<string, object?> parameters)
    {
        var services = page.Http.RequestServices;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // Only the UI culture follows the page: the texts come from its resource files, while numbers the
            // scripts and inputs read (value="3.5") stay invariant.
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = page.Culture;
            try
            {
                var root = await renderer.RenderComponentAsync<PageRoot>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(PageRoot.Context)] = page,
                    [nameof(PageRoot.Page)] = component,
                    [nameof(PageRoot.Parameters)] = parameters,
                }));
                return root.ToHtmlString();
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        });
    }
}

/// <summary>Pages as results: <c>Page.Of&lt;FormPage&gt;(new() { ["Model"] = model })</c>.</summary>
public static class Page
{
    public static PageResult Of<TComponent>(IReadOnlyDictionary<string, object?>? parameters = null, int status = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(typeof(TComponent), parameters ?? new Dictionary<string, object?>(), status);
}
