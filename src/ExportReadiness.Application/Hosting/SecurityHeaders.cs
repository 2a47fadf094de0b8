namespace ExportReadiness.Application.Hosting;

/// <summary>
/// The headers every answer carries, in both hosts: scripts and styles only from this site (no inline script,
/// so an injected tag cannot run), never framed, no content sniffing, no referrer (an SME's result link must
/// not leak), and nothing private cached: only the versioned-by-ETag assets may be.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
            return Task.CompletedTask;
        });
    }
}
