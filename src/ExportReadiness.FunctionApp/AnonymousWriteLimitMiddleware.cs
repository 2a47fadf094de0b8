using System.Collections.Concurrent;
using System.Reflection;
using ExportReadiness.Application.Hosting;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ExportReadiness.FunctionApp;

/// <summary>
/// The local host's per-client limit on anonymous writes (<see cref="AnonymousWriteLimit"/>), for the functions marked
/// <see cref="AnonymousWriteAttribute"/>: past the limit the function never runs and the answer is 429 with Retry-After.
/// After the front-end middleware, so the client is the one the known front end forwarded.
/// </summary>
public sealed class AnonymousWriteLimitMiddleware(AnonymousWriteLimit limit) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, bool> Limited = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && Limited.GetOrAdd(context.FunctionDefinition.EntryPoint, IsAnonymousWrite)
            && limit.Refusal(http) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        await next(context);
    }

    public static bool IsAnonymousWrite(string entryPoint) =>
        AdvisorAuthorizationMiddleware.MethodOf(entryPoint)?.GetCustomAttribute<AnonymousWriteAttribute>() is not null;
}
