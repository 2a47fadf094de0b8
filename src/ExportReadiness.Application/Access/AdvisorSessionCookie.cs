using System.Security.Claims;
using System.Security.Cryptography;
using ExportReadiness.Core.Advisors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// The advisor's session after signing in with a key: an ASP.NET Core cookie ticket, protected with the data-protection
/// key ring every instance shares (blob storage), naming the advisor and a random session id, never the key.
/// __Host- prefixed, HttpOnly, SameSite=Strict, always Secure; ends
/// after <see cref="AdvisorSessionOptions.IdleTimeout"/> unused, and at <see cref="AdvisorSessionOptions.AbsoluteTimeout"/>
/// after sign-in however active. The session id is checked against <see cref="IAdvisorSessionStore"/> on every
/// request, so signing out ends every copy of the cookie at once; and the key that opened it must still be configured
/// with the same value (<see cref="AdvisorKeys.StillHolds"/>), so removing or rotating a key ends its sessions.
/// </summary>
public static class AdvisorSessionCookie
{
    public const string SchemeName = "AdvisorSession";
    /// <summary>__Host-: the browser keeps it only if Secure, Path=/ and without Domain, so no sibling site or plain-http page can plant or overwrite it.</summary>
    public const string CookieName = "__Host-advisor_session";
    public const string SessionClaim = "exportreadiness:session";

    /// <summary>Data-protection's application name: instances and hosts with the same name read each other's cookies.</summary>
    public const string ApplicationName = "ExportReadiness";

    public static void Configure(CookieAuthenticationOptions options, IOptions<AdvisorSessionOptions> session, TimeProvider clock)
    {
        options.Cookie = new HostPrefixedCookie(CookieName) { SameSite = SameSiteMode.Strict };
        options.ExpireTimeSpan = session.Value.IdleTimeout;
        options.SlidingExpiration = true;
        options.TimeProvider = clock;
        // The Advisor scheme answers challenges (401 problem or the sign-in page); this scheme never redirects.
        options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        options.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>
    /// A ticket counts only while its session is recorded and the key that opened it is still configured with the same
    /// value: signed out, past its absolute end, or its key removed or rotated, the cookie is refused and deleted.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var id = context.Principal?.FindFirst(SessionClaim)?.Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (id is not null && services.GetRequiredService<AdvisorKeys>().StillHolds(context.Principal!)
            && await services.GetRequiredService<IAdvisorSessionStore>().IsActiveAsync(id, now, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(SchemeName);
    }

    /// <summary>Records a new session for the advisor whose key was presented and issues its cookie, naming the key by its fingerprint.</summary>
    public static async Task SignInAsync(HttpContext context, AdvisorKey key, IAdvisorSessionStore sessions, TimeProvider clock, AdvisorSessionOptions options)
    {
        var advisor = key.Advisor;
        var now = clock.GetUtcNow();
        var session = new AdvisorSession(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            advisor, now, now + options.AbsoluteTimeout);
        await sessions.StartAsync(session, context.RequestAborted);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, advisor), new Claim(AdvisorAuthentication.AdvisorClaim, "true"), new Claim(SessionClaim, session.Id),
             new Claim(AdvisorKeys.FingerprintClaim, key.Fingerprint)], SchemeName);
        // Not persistent: the cookie also ends with the browser session.
        await context.SignInAsync(SchemeName, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
    }

    /// <summary>Ends the signed-in user's session, if it is a cookie session, and deletes the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, IAdvisorSessionStore sessions)
    {
        if (context.User.FindFirst(SessionClaim)?.Value is { } id) await sessions.EndAsync(id, context.RequestAborted);
        await context.SignOutAsync(SchemeName);
    }
}
