using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
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
        var services = new PageServices(page.Http.RequestServices);
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

/// <summary>
/// The request's services as the renderer sees them. Letters are written as they are (å, not &amp;#xE5;) whatever
/// encoder a host registers, and there is no <see cref="NavigationManager"/>: a page is rendered once, never navigated,
/// and the Function App registers one it never initializes (the renderer would ask it for a form's action and fail).
/// </summary>
internal sealed class PageServices(IServiceProvider services) : IServiceProvider
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public object? GetService(Type serviceType) =>
        serviceType == typeof(HtmlEncoder) ? Encoder
        : serviceType == typeof(NavigationManager) ? null
        : services.GetService(serviceType);
}

/// <summary>Pages as results: <c>Page.Of&lt;FormPage&gt;(new() { ["Model"] = model })</c>.</summary>
public static class Page
{
    public static PageResult Of<TComponent>(IReadOnlyDictionary<string, object?>? parameters = null, int status = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(typeof(TComponent), parameters ?? new Dictionary<string, object?>(), status);

    /// <summary>
    /// Whether a person reads the answer in a browser (a page: not the API, not an asset), so a refusal or an error
    /// should be a page in their language rather than problem details.
    /// </summary>
    public static bool IsFor(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase);
}
