using ExportReadiness.Core.Localization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// Who an advisor is, from one of three credentials in this order: the advisor an <c>x-functions-key</c> header
/// belongs to (API clients); the App Service Authentication principal where the platform passes one (and the app is
/// told to trust it); else the advisor session cookie the sign-in page issued (<see cref="AdvisorSessionCookie"/>).
/// Either way the principal is named, so a review records who made it. Wrong keys count against the client's
/// <see cref="KeyAttemptLimiter"/>; once it is spent, no key from that client is checked and the answer is 429.
/// </summary>
public sealed partial class AdvisorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdvisorKeys keys,
    KeyAttemptLimiter limiter,
    AppServiceAuthentication appService,
    IOptionsMonitor<ExportReadinessOptions> appOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Advisor";
    public const string Policy = "Advisor";
    public const string AdvisorClaim = "exportreadiness:advisor";

    /// <summary>The identity's authentication type when a key header signed it in: the one credential that needs no antiforgery token.</summary>
    public const string KeyAuthenticationType = "AdvisorKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[AdvisorKeys.Header].ToString();
        if (presented.Length > 0) return KeyResult(presented);

        var settings = appOptions.CurrentValue;
        if (appService.IsTrusted && AppServicePrincipal.Read(Request.Headers[AppServicePrincipal.Header], "AppService") is { } signedIn)
        {
            // Signed in with Entra ID: an advisor if the app role says so (or if no role is required).
            if (string.IsNullOrEmpty(settings.AdvisorRole) || signedIn.HasClaim(ClaimTypes.Role, settings.AdvisorRole))
                signedIn.AddClaim(new Claim(AdvisorClaim, "true"));
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(signedIn), SchemeName));
        }

        var session = await Context.AuthenticateAsync(AdvisorSessionCookie.SchemeName);
        return session.Succeeded
            ? AuthenticateResult.Success(new AuthenticationTicket(session.Principal, session.Properties, SchemeName))
            : AuthenticateResult.NoResult();
    }

    private AuthenticateResult KeyResult(string presented)
    {
        var client = FrontEnd.ClientAddress(Context);
        if (limiter.Refusal(client) is { } wait)
        {
            Context.Features.Set(new KeyAttemptsRefused(wait));
            return AuthenticateResult.Fail("Too many wrong advisor keys from this client.");
        }
        if (keys.Match(presented) is not { Advisor: var advisor })
        {
            limiter.RecordFailure(client);
            LogWrongKey(Logger, client);
            return AuthenticateResult.Fail("Not an advisor key.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, advisor), new Claim(AdvisorClaim, "true")], KeyAuthenticationType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Set on a request whose key was not checked because its client has tried too many wrong ones.</summary>
    private sealed record KeyAttemptsRefused(TimeSpan RetryAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "A wrong advisor key came from {Client}")]
    private static partial void LogWrongKey(ILogger logger, string client);

    /// <summary>The API answers 401 problem details; a page answers with the sign-in form.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Features.Get<KeyAttemptsRefused>() is { } refused)
        {
            Response.Headers.RetryAfter = KeyAttemptLimiter.RetryAfterSeconds(refused.RetryAfter);
            await Problems.Status(StatusCodes.Status429TooManyRequests, Messages.TooManyWrongKeys, Messages.WaitRetryAfter, ApiMessages.Of(Request)).ExecuteAsync(Context);
            return;
        }
        if (Page.IsFor(Request)) await AdvisorPages.SignIn(appServiceSignIn: appService.IsTrusted).ExecuteAsync(Context);
        else await Problems.Status(StatusCodes.Status401Unauthorized, Messages.AdvisorKeyRequired,
            Messages.SendAdvisorKey(AdvisorKeys.Header, Routes.Local(Routes.AdvisorSignIn)), ApiMessages.Of(Request)).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.Status(StatusCodes.Status403Forbidden, Messages.NotAnAdvisor, Messages.AskForAdvisorRole, ApiMessages.Of(Request)).ExecuteAsync(Context);

    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(SchemeName).RequireClaim(AdvisorClaim, "true"));
}
