namespace ExportReadiness.Application.Access;

/// <summary>
/// A <c>__Host-</c> cookie as browsers require it: Secure, Path=/, no Domain, whatever the request. So no sibling site
/// (another app on the same parent domain) and no plain-http page can plant or overwrite it. Secure is set here, in the
/// cookie itself, rather than with <see cref="CookieSecurePolicy.Always"/>: antiforgery refuses that policy on a plain-http
/// request, and the local host serves http on 127.0.0.1, which browsers treat as a secure context and so accept
/// Secure cookies from.
/// </summary>
public sealed class HostPrefixedCookie : CookieBuilder
{
    public const string Prefix = "__Host-";

    public HostPrefixedCookie(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) throw new ArgumentException($"A host cookie's name starts with {Prefix}.", nameof(name));
        Name = name;
        Path = "/";
        HttpOnly = true;
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        options.Path = "/";
        options.Domain = null;
        return options;
    }
}
