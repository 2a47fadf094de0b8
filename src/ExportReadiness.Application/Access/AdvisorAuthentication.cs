using System.Security.Claims;
using System.Text.Encodings.Web;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// Who an advisor is: the App Service Authentication principal where the platform passes one (and the app is
/// told to trust it), else the advisor an <c>x-functions-key</c> header or the sign-in cookie belongs to.
/// Either way the principal is named, so a review records who made it.
/// </summary>
public sealed class AdvisorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdvisorKeys keys,
    IOptionsMonitor<ExportReadinessOptions> appOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Advisor";
    public const string Policy = "Advisor";
    public const string AdvisorClaim = "exportreadiness:advisor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = appOptions.CurrentValue;
        if (settings.AppServiceAuthentication && AppServicePrincipal.Read(Request.Headers[AppServicePrincipal.Header], "AppService") is { } signedIn)
        {
            // Signed in with Entra ID: an advisor if the app role says so (or if no role is required).
            if (string.IsNullOrEmpty(settings.AdvisorRole) || signedIn.HasClaim(ClaimTypes.Role, settings.AdvisorRole))
                signedIn.AddClaim(new Claim(AdvisorClaim, "true"));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(signedIn), SchemeName)));
        }

        var presented = Request.Headers[AdvisorKeys.Header].ToString();
        if (presented.Length == 0) presented = Request.Cookies[AdvisorKeys.Cookie] ?? "";
        if (presented.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (keys.AdvisorOf(presented) is not { } advisor) return Task.FromResult(AuthenticateResult.Fail("Not an advisor key."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, advisor), new Claim(AdvisorClaim, "true")], "AdvisorKey");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>The API answers 401 problem details; a page answers with the sign-in form.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsPage(Request)) await AdvisorPages.SignIn(Request, Html.Language(Request), appServiceSignIn: appOptions.CurrentValue.AppServiceAuthentication).ExecuteAsync(Context);
        else await Problems.Status(StatusCodes.Status401Unauthorized, "An advisor key is required.", $"Send it in the {AdvisorKeys.Header} header.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.Status(StatusCodes.Status403Forbidden, "You are signed in, but not as an advisor.", "Ask for the advisor role of this app.").ExecuteAsync(Context);

    /// <summary>For an operation open to an SME with its token or to an advisor: is the caller an advisor?</summary>
    public static async Task<bool> IsAdvisorAsync(HttpContext context)
    {
        if (context.User.HasClaim(AdvisorClaim, "true")) return true;
        var result = await context.AuthenticateAsync(SchemeName);
        return result.Succeeded && result.Principal.HasClaim(AdvisorClaim, "true");
    }

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(SchemeName).RequireClaim(AdvisorClaim, "true"));

    private static bool IsPage(HttpRequest request) => !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
