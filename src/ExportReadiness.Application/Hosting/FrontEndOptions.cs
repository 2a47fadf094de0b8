using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ExportReadiness.Application.Hosting;

/// <summary>
/// Which front ends are believed when <see cref="ExportReadinessOptions.TrustedFrontEnd"/> is on
/// (<c>ExportReadiness__FrontEnd__*</c>): only a request whose connection comes from one of these has its
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> applied, so a client that reaches the app directly cannot
/// choose its own address (and escape the per-client limits) or claim https.
/// </summary>
public sealed class FrontEndOptions : IValidatableObject
{
    public const string Section = "ExportReadiness:FrontEnd";

    /// <summary>Comma-separated addresses of the front ends.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>
    /// Comma-separated networks (CIDR) of the front ends. Loopback by default: under the Functions host the worker is
    /// reached by the host itself on the same machine, which passes on what the platform's front end forwarded.
    /// </summary>
    public string KnownNetworks { get; set; } = "127.0.0.0/8,::1/128";

    /// <summary>How many forwarded entries are applied, from the last: 1 is the entry the known front end appended (those before it are the client's own claims).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IReadOnlyList<IPAddress> Proxies() => List(KnownProxies).Select(IPAddress.Parse).ToList();

    public IReadOnlyList<IPNetwork> Networks() => List(KnownNetworks).Select(n => IPNetwork.Parse(n)).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in List(KnownProxies).Where(p => !IPAddress.TryParse(p, out _)))
            yield return new ValidationResult($"'{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        foreach (var network in List(KnownNetworks).Where(n => !IPNetwork.TryParse(n, out _)))
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation.", [nameof(KnownNetworks)]);
    }

    private static string[] List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
