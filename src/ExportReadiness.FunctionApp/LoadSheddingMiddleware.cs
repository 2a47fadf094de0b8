using ExportReadiness.Application.Hosting;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp;

/// <summary>
/// The local host's load shedding and redacted request log, per worker. The Functions host's own throttles
/// (host.json <c>extensions.http</c>, answering 429) act before a request reaches the worker; this bounds what
/// one worker takes on when the host lets more through and answers 503 with <c>Retry-After</c>.
/// </summary>
public sealed class LoadSheddingMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http) return next(context);
        var services = http.RequestServices;
        return services.GetRequiredService<RequestLog>().RunAsync(http,
            () => services.GetRequiredService<LoadShedding>().RunAsync(http, () => next(context)));
    }
}
