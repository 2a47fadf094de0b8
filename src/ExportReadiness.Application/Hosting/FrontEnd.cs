using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// What a trusted front end tells about the request (<see cref="ExportReadinessOptions.TrustedFrontEnd"/>): the
/// client's address and whether it came in over https, through ASP.NET Core's forwarded-headers handling, believed
/// only from the known front ends (<see cref="FrontEndOptions"/>). Both hosts apply it first, so the advisor session
/// cookie is Secure behind a TLS-terminating front end and rate limits count per client, not per front end: the local
/// host with <c>UseForwardedHeaders</c>, the Function App (which has no ASP.NET Core pipeline of its own) through
/// <see cref="Apply"/>.
/// </summary>
public static class FrontEnd
{
    /// <summary>The forwarded-headers options both hosts use: off unless the front end is trusted, and then only from the known ones.</summary>
    public static void Configure(ForwardedHeadersOptions forwarded, IOptions<ExportReadinessOptions> app, IOptions<FrontEndOptions> frontEnd)
    {
        forwarded.ForwardedHeaders = app.Value.TrustedFrontEnd ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        forwarded.ForwardLimit = frontEnd.Value.ForwardLimit;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in frontEnd.Value.Proxies()) forwarded.KnownProxies.Add(proxy);
        foreach (var network in frontEnd.Value.Networks()) forwarded.KnownIPNetworks.Add(network);
    }

    /// <summary>Applies the forwarded headers to a request outside an ASP.NET Core pipeline (the Function App's worker middleware).</summary>
    public static void Apply(HttpContext context) =>
        context.RequestServices.GetRequiredService<ForwardedHeadersMiddleware>().ApplyForwarders(context);

    /// <summary>The one middleware instance <see cref="Apply"/> uses; it never calls on, it only rewrites the request.</summary>
    public static ForwardedHeadersMiddleware Middleware(IServiceProvider services) =>
        new(_ => Task.CompletedTask, services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());

    /// <summary>The client's address as the rate limits partition by it (after the forwarded headers).</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";
}
