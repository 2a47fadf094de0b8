namespace ExportReadiness.Functions.Invocations;

/// <summary>
/// Keeps the invocation endpoints for the Functions host alone. Under the host, the catch-all HTTP function
/// forwards every outside request to the same path on this app, so without this a public
/// <c>POST /NightlyRescore</c> would start a retrain (azure-functions-host#6251, still open). The host makes
/// its own invocation requests afresh to <c>127.0.0.1:{port}</c>; a forwarded request keeps the caller's
/// headers: the app's public Host name, and <c>X-ARR-LOG-ID</c>, which the App Service front end adds to
/// every request from outside (the host itself tells outside requests apart by it).
/// </summary>
public sealed class FunctionsHostOnlyFilter : IEndpointFilter
{
    public const string FrontEndLogIdHeader = "X-ARR-LOG-ID";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        IsFromFunctionsHost(context.HttpContext.Request) ? next(context) : ValueTask.FromResult<object?>(TypedResults.NotFound());

    public static bool IsFromFunctionsHost(HttpRequest request) =>
        !request.Headers.ContainsKey(FrontEndLogIdHeader) && IsLoopbackName(request.Host.Host);

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
