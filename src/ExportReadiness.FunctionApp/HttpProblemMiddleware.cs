using ExportReadiness.Application.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp;

/// <summary>
/// What <c>UseExceptionHandler</c> does in the local host: an exception in an HTTP function becomes the same
/// problem response (503 when storage is unavailable), not the host's bare 500.
/// </summary>
public sealed class HttpProblemMiddleware : IFunctionsWorkerMiddleware
{
    public static bool IsHttp(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            var handled = false;
            foreach (var handler in http.RequestServices.GetServices<IExceptionHandler>())
                if (handled = await handler.TryHandleAsync(http, Unwrap(exception), http.RequestAborted)) break;
            if (!handled) throw;
        }
    }

    /// <summary>The worker wraps a function's exception in its own; the handler judges the function's.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerException!)
        : exception.GetType().FullName == "Microsoft.Azure.Functions.Worker.FunctionInvocationException" && exception.InnerException is { } inner ? inner
        : exception;
}
