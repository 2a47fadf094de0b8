using System.Net;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// What a trusted front end tells about the request (<see cref="ExportReadinessOptions.TrustedFrontEnd"/>): the
/// client's address and whether it came in over https. Both hosts apply it first, so the advisor session cookie is
/// Secure behind a TLS-terminating front end and rate limits count per client, not per front end.
/// </summary>
public static class FrontEnd
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";

    public static void Apply(HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<IOptionsMonitor<ExportReadinessOptions>>().CurrentValue.TrustedFrontEnd) return;
        // The last entry is the one the trusted front end wrote; entries before it came from the client and may be forged.
        if (Last(context.Request.Headers[ForwardedProto]) is { } proto && proto.Equals("https", StringComparison.OrdinalIgnoreCase))
            context.Request.Scheme = "https";
        if (Last(context.Request.Headers[ForwardedFor]) is { } forwarded && Address(forwarded) is { } client)
            context.Connection.RemoteIpAddress = client;
    }

    /// <summary>The client's address as the rate limits partition by it (after <see cref="Apply"/>).</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";

    private static string? Last(Microsoft.Extensions.Primitives.StringValues values) =>
        string.Join(',', values.ToArray()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    /// <summary>App Service writes <c>address:port</c>; proxies often write the bare address.</summary>
    private static IPAddress? Address(string value) =>
        IPAddress.TryParse(value, out var address) ? address : IPEndPoint.TryParse(value, out var endpoint) ? endpoint.Address : null;
}
