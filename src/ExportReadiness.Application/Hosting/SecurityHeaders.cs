namespace ExportReadiness.Application.Hosting;

/// <summary>
/// The headers every answer carries, in both hosts: scripts and styles only from this site (no inline script,
/// so an injected tag cannot run), never framed, no content sniffing, no referrer (an SME's result link must
/// not leak), nothing private cached (only the versioned-by-ETag assets may be), and over https HSTS.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// On https answers only (a browser ignores it over http): a year, so a browser that has seen the site once never
    /// goes to it over plain http again, where a network attacker could strip TLS. Not for subdomains: the app does
    /// not own its domain's other hosts.
    /// </summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>As ASP.NET Core's HSTS middleware: never pin localhost, which every other local app shares.</summary>
    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    public static void Apply(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/assets")) headers.CacheControl = "no-store";
            if (context.Request.IsHttps && !IsLoopback(context.Request.Host.Host)) headers.StrictTransportSecurity = StrictTransportSecurity;
            return Task.CompletedTask;
        });
    }
}
