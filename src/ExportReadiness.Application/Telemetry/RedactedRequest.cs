using System.Diagnostics;

namespace ExportReadiness.Application.Telemetry;

/// <summary>
/// What an HTTP span must not keep: the query string, where a client may have put an SME's token (the API refuses it, but
/// the request was still made), and the full URL that holds it. Headers and cookies are never recorded by the
/// instrumentations unless asked, and we never ask.
/// </summary>
public static class RedactedRequest
{
    private static readonly string[] Tags = ["url.query", "url.full", "http.url", "http.target"];

    public static void Strip(Activity activity)
    {
        foreach (var tag in Tags) activity.SetTag(tag, null);
    }
}
