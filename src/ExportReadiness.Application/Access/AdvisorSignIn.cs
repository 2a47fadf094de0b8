using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Pages.Advisor;
using ExportReadiness.Application.Pages;
using ExportReadiness.Core.Advisors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// Signing in with an advisor key (where App Service Authentication is not used) and signing out. A right key starts
/// a recorded session and issues its cookie (<see cref="AdvisorSessionCookie"/>); the key itself is never stored in
/// the browser. Both forms carry an antiforgery token (a forged sign-in would put a victim in the attacker's session;
/// a forged sign-out would end the advisor's), and wrong keys count against the client's <see cref="KeyAttemptLimiter"/>.
/// </summary>
public sealed partial class AdvisorSignIn(
    AdvisorKeys keys,
    KeyAttemptLimiter limiter,
    AdvisorAntiforgery antiforgery,
    IAdvisorSessionStore sessions,
    TimeProvider clock,
    IOptionsMonitor<AdvisorSessionOptions> sessionOptions,
    AppServiceAuthentication appService,
    IOptionsMonitor<ExportReadinessOptions> options,
    ILogger<AdvisorSignIn> logger)
{
    public IResult Form(HttpRequest request) =>
        AdvisorPages.SignIn(status: StatusCodes.Status200OK, appServiceSignIn: appService.IsTrusted);

    public async Task<IResult> SignIn(HttpContext context)
    {
        var lang = RequestLanguage.Of(context.Request).Name;
        IResult Again(SignInError error, int status) => AdvisorPages.SignIn(error, status, appService.IsTrusted);

        if (await BoundedFormAsync(context) is { } unread) return unread;
        if (await antiforgery.ValidateAsync(context) is not null)
            return Again(SignInError.FormExpired, StatusCodes.Status400BadRequest);
        var client = FrontEnd.ClientAddress(context);
        if (limiter.Refusal(client) is { } wait)
        {
            context.Response.Headers.RetryAfter = KeyAttemptLimiter.RetryAfterSeconds(wait);
            return Again(SignInError.TooManyWrongKeys, StatusCodes.Status429TooManyRequests);
        }
        // Read (within its limits) above.
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (keys.Match(form?["key"].ToString() ?? "") is not { } key)
        {
            limiter.RecordFailure(client);
            LogWrongKey(client);
            return Again(SignInError.WrongKey, StatusCodes.Status401Unauthorized);
        }

        await AdvisorSessionCookie.SignInAsync(context, key, sessions, clock, sessionOptions.CurrentValue);
        context.Response.Cookies.Delete(AdvisorKeys.LegacyCookie, new CookieOptions { Path = "/" });
        LogSignedIn(key.Advisor);
        return Results.Redirect($"/{Routes.AdvisorDashboard}?lang={lang}");
    }

    public async Task<IResult> SignOut(HttpContext context)
    {
        var lang = RequestLanguage.Of(context.Request).Name;
        // The Function App authorizes no sign-out function, so the advisor is looked up here: the form's token is theirs.
        var signedIn = await context.AuthenticateAsync(AdvisorAuthentication.SchemeName);
        if (signedIn.Succeeded) context.User = signedIn.Principal;
        if (await BoundedFormAsync(context) is { } unread) return unread;
        if (await antiforgery.ValidateAsync(context) is not null)
            return Pages.Page.Of<SignOutRefusedPage>(status: StatusCodes.Status400BadRequest);

        await AdvisorSessionCookie.SignOutAsync(context, sessions);
        context.Response.Cookies.Delete(AdvisorKeys.LegacyCookie, new CookieOptions { Path = "/" });
        return Results.Redirect($"/{Routes.AdvisorSignIn}?lang={lang}");
    }

    /// <summary>A form past its limits (<see cref="BoundedForm"/>) says so (413, or 400 naming <c>form</c>), rather than "the form expired".</summary>
    private async Task<IResult?> BoundedFormAsync(HttpContext context) =>
        context.Request.HasFormContentType
            ? (await BoundedForm.ReadAsync(context.Request, options.CurrentValue.MaxRequestBodyBytes, BoundedForm.Field, context.RequestAborted)).Problem
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "A wrong advisor key was entered on the sign-in page from {Client}")]
    private partial void LogWrongKey(string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Advisor} signed in")]
    private partial void LogSignedIn(string advisor);
}
