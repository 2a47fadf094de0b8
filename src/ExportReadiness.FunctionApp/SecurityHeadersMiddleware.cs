using ExportReadiness.Application.Hosting;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ExportReadiness.FunctionApp;

/// <summary>The same response headers as the local host sends (<see cref="SecurityHeaders"/>), on every HTTP function's answer.</summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http) SecurityHeaders.Apply(http);
        return next(context);
    }
}
