using System.Collections.Concurrent;
using System.Reflection;
using ExportReadiness.Application.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp;

/// <summary>
/// ASP.NET Core authorization for HTTP functions: a function (or its class) that carries
/// <c>[Authorize(Policy = …)]</c> runs only when the policy succeeds, evaluated exactly as the local host's
/// authorization middleware evaluates the same policy on its route groups. Otherwise the scheme's challenge
/// (401 problem, or the sign-in page) or forbid (403) answers. An authorized state change made with the session
/// cookie (or the App Service sign-in) must also carry the page's antiforgery token (<see cref="AdvisorAntiforgery"/>), or it is a 400.
/// </summary>
public sealed class AdvisorAuthorizationMiddleware(IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator, AdvisorAntiforgery antiforgery) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<IAuthorizeData>?> Requirements = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        // Fail closed: a function whose rules cannot be read is refused (a 500 problem), never run as if anonymous.
        var requirements = Requirements.GetOrAdd(context.FunctionDefinition.EntryPoint, AuthorizeDataOf)
            ?? throw new InvalidOperationException($"The entry point {context.FunctionDefinition.EntryPoint} cannot be resolved, so its authorization is unknown.");
        if (requirements.Count == 0 || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, requirements);
        var authenticated = await evaluator.AuthenticateAsync(policy!, http);
        var authorized = await evaluator.AuthorizeAsync(policy!, authenticated, http, resource: null);
        if (!authorized.Succeeded && authorized.Challenged) await http.ChallengeAsync();
        else if (!authorized.Succeeded) await http.ForbidAsync();
        // The local host's endpoint filter does the same: a state change signed in by a cookie needs the page's token.
        else if (await antiforgery.CheckAsync(http) is { } refused) await refused.ExecuteAsync(http);
        else await next(context);
    }

    /// <summary>
    /// The <c>[Authorize]</c> attributes of the function's method and class, found from its entry point
    /// (Namespace.Class.Method); null when the entry point names no method of this app.
    /// </summary>
    public static IReadOnlyList<IAuthorizeData>? AuthorizeDataOf(string entryPoint)
    {
        if (MethodOf(entryPoint) is not { DeclaringType: { } type } method) return null;
        return [.. type.GetCustomAttributes<AuthorizeAttribute>(inherit: true), .. method.GetCustomAttributes<AuthorizeAttribute>(inherit: true)];
    }

    /// <summary>The method of this app a function's entry point (Namespace.Class.Method) names, or null.</summary>
    public static MethodInfo? MethodOf(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0) return null;
        var type = typeof(AdvisorAuthorizationMiddleware).Assembly.GetType(entryPoint[..dot]);
        return type?.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
    }
}
