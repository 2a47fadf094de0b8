using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Access;

/// <summary>
/// Cross-site request forgery: a browser sends the advisor's session (and the App Service sign-in) on its own,
/// also when another page on the same site (another port, a sibling app) posts a form here. So every state change
/// made with such an ambient credential must carry the antiforgery token the advisor's page was given: a hidden
/// field in forms, the <see cref="HeaderName"/> header in the pages' scripts. An <c>x-functions-key</c> header is no
/// ambient credential (a page cannot make the browser send it elsewhere), so API clients need no token.
/// Both hosts call <see cref="CheckAsync"/> right after authorization, the sign-in handlers call <see cref="ValidateAsync"/>.
/// </summary>
public sealed partial class AdvisorAntiforgery(IAntiforgery antiforgery, IOptions<ExportReadinessOptions> options, ILogger<AdvisorAntiforgery> logger)
{
    public const string HeaderName = "RequestVerificationToken";
    public const string FormFieldName = "__RequestVerificationToken";
    /// <summary>__Host- prefixed, as the session cookie: a sibling site cannot plant a token cookie of its own.</summary>
    public const string CookieName = "__Host-advisor_csrf";

    public static void Configure(AntiforgeryOptions options)
    {
        options.HeaderName = HeaderName;
        options.FormFieldName = FormFieldName;
        options.Cookie = new HostPrefixedCookie(CookieName) { SameSite = SameSiteMode.Strict };
        // SecurityHeaders sends X-Frame-Options: DENY on every answer; antiforgery's SAMEORIGIN would be weaker.
        options.SuppressXFrameOptionsHeader = true;
    }

    /// <summary>Null when the request may go on; a 400 problem naming the missing or wrong token when a cookie-authenticated state change lacks it.</summary>
    public async Task<ProblemHttpResult?> CheckAsync(HttpContext context) =>
        ChangesState(context.Request) && UsesAmbientCredential(context) ? await ValidateAsync(context) : null;

    /// <summary>
    /// Validates the request's token whoever sends it (the sign-in form too: login CSRF). Antiforgery looks in the form
    /// when the header is missing, so a form is first read within its limits (<see cref="BoundedForm"/>): a multipart
    /// one may carry a batch file, any other is as small as a JSON body.
    /// </summary>
    public async Task<ProblemHttpResult?> ValidateAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            var multipart = context.Request.ContentType!.StartsWith(CsvUpload.Form, StringComparison.OrdinalIgnoreCase);
            var limit = multipart ? CsvUpload.Framed(options.Value.MaxBatchBytes) : options.Value.MaxRequestBodyBytes;
            var (_, unread) = await BoundedForm.ReadAsync(context.Request, limit, multipart ? CsvUpload.File : BoundedForm.Field, context.RequestAborted);
            if (unread is not null) return unread;
        }
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException e)
        {
            LogRefused(context.Request.Method, context.Request.Path.Value ?? "");
            // The message names the missing cookie, field or header (never a token's value).
            return Problems.Status(StatusCodes.Status400BadRequest, Messages.AntiforgeryInvalid,
                Messages.SendAntiforgery(e.Message, HeaderName, FormFieldName), ApiMessages.Of(context.Request));
        }
    }

    /// <summary>The token a page's forms post back (<c>AntiforgeryField</c>) and its scripts send (<c>AntiforgeryMeta</c>).</summary>
    public static string RequestToken(HttpContext context) => Tokens(context).RequestToken ?? "";

    private static AntiforgeryTokenSet Tokens(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);

    private static bool ChangesState(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    /// <summary>Signed in by the session cookie or App Service Authentication (its own cookie), not by a key header.</summary>
    private static bool UsesAmbientCredential(HttpContext context) =>
        context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != AdvisorAuthentication.KeyAuthenticationType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Method} to {Path}: no valid antiforgery token")]
    private partial void LogRefused(string method, string path);
}
