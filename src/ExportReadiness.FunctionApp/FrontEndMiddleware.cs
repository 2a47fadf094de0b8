using ExportReadiness.Application.Hosting;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ExportReadiness.FunctionApp;

/// <summary>
/// First of the HTTP middlewares: behind the trusted front end (<c>ExportReadiness__TrustedFrontEnd</c>) the request's
/// client address and scheme are the ones a known front end forwarded, as in the local host (<see cref="FrontEnd"/>, ASP.NET Core's forwarded headers). The worker
/// otherwise sees the Functions host as the client and plain http.
/// </summary>
public sealed class FrontEndMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http) FrontEnd.Apply(http);
        return next(context);
    }
}
