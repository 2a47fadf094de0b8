using System.Diagnostics;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// One log line per request (method, path, query, status, time) in place of the hosting layer's, which writes
/// the full URL: a secret that still arrives in a query string (an SME's result-link token, a key someone put
/// in a URL) is replaced by <see cref="Redacted"/> before anything is written. Headers and bodies are never logged.
/// </summary>
public sealed partial class RequestLog(ILogger<RequestLog> logger)
{
    public const string Redacted = "[redacted]";

    /// <summary>Query parameters that carry a credential somewhere in this app or in Azure's conventions.</summary>
    private static readonly string[] SecretParameters = ["token", "key", "code", "sig", "access_token", "x-functions-key", "apikey", "api_key", "password"];

    public async Task RunAsync(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next();
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
                LogRequest(context.Request.Method, context.Request.Path.Value ?? "/", Redact(context.Request.Query), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public static string Redact(IQueryCollection query) =>
        query.Count == 0 ? "" : "?" + string.Join('&', query.Select(p =>
            $"{Uri.EscapeDataString(p.Key)}={(IsSecret(p.Key) ? Redacted : Uri.EscapeDataString(p.Value.ToString()))}"));

    private static bool IsSecret(string name) =>
        SecretParameters.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path}{Query} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogRequest(string method, string path, string query, int statusCode, double elapsedMs);
}
