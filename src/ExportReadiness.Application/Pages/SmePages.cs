using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Pages.Sme;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Pages;

/// <summary>The SME's pages: the questionnaire form at <c>/</c>, its private result page and the re-assessment form.</summary>
public sealed class SmePages(QuestionnaireSchema schema, AssessmentAccess access, IAssessmentStore store, ProgrammeOffers programmes, IActionPlanStore actionPlans, PageForms forms, TimeProvider clock)
{
    /// <summary>
    /// Holds an SME's access token, one cookie per result page (the assessment id in its name). __Host- prefixed, so
    /// Secure, Path=/ and without Domain: no sibling site or plain-http page can plant or overwrite it.
    /// </summary>
    public static string ResultTokenCookie(string id) => $"__Host-sme_token_{id}";

    /// <summary>Where an earlier release kept the token, with the result page as its path; still read until those cookies expire (90 days).</summary>
    private const string LegacyResultTokenCookie = "sme_token";

    /// <summary>The token the SME's browser holds for this assessment, if any.</summary>
    public static string? ResultToken(HttpRequest request, string id) =>
        request.Cookies[ResultTokenCookie(id)] ?? request.Cookies[LegacyResultTokenCookie];

    /// <summary>How often a result page still being scored reloads itself, in seconds (the <c>Refresh</c> header: no script).</summary>
    public const int PendingRefreshSeconds = 2;

    public IResult Form(HttpRequest request) => Page.Of<FormPage>();

    /// <summary>The app's calendar day, for "overdue": the same clock as the CSV export and the tests' fake one.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The form again, filled in with an assessment's answers, for its SME to re-assess the product. Only the holder of
    /// that assessment's token gets it (the cookie of its result page, whose path this page is under); the page carries
    /// the token for form.js to prove the link with, and like every page it is never cached (<c>no-store</c>).
    /// </summary>
    public async Task<IResult> Reassess(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var token = ResultToken(context.Request, id);
        if (token is null || await access.FindByTokenAsync(id, token, cancellationToken) is not { } assessment)
            return NotFoundPage.Assessment();
        return Page.Of<FormPage>(new Dictionary<string, object?> { [nameof(FormPage.From)] = assessment, [nameof(FormPage.Token)] = token });
    }

    /// <summary>The field of the open form (<see cref="Open"/>) that carries the token.</summary>
    public const string TokenField = "token";

    /// <summary>
    /// The SME's private result page, for the holder of its cookie (or an advisor). Anyone else gets the form that
    /// trades a token for that cookie (<see cref="OpenResultPage"/>): the result link carries the token in its fragment,
    /// which the page's script posts there. A token in the query, as older links had it, is refused with a 400: the
    /// address is where logs, proxies and the Functions host's telemetry would keep it.
    /// </summary>
    public async Task<IResult> Result(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.Query.ContainsKey(AssessmentHandlers.TokenQueryParameter))
            return OpenResultPage.For(id, "TokenNotInAddress", StatusCodes.Status400BadRequest);
        var token = ResultToken(request, id);
        var assessment = await access.FindVisibleAsync(id, context, token, cancellationToken);
        if (assessment is null) return OpenResultPage.For(id, null, StatusCodes.Status404NotFound);

        var parameters = new Dictionary<string, object?>
        {
            [nameof(ResultPage.Assessment)] = assessment,
            // The SME holding the token gets the plan's forms and "re-assess"; an advisor reading the page sees the plan.
            [nameof(ResultPage.OwnToken)] = AccessToken.Matches(token, assessment.AccessTokenHash),
            [nameof(ResultPage.Today)] = Today(),
            [nameof(ResultPage.Notice)] = PlanNotice.Of(request),
        };
        if (assessment.Status == AssessmentStatus.Pending)
            context.Response.Headers["Refresh"] = PendingRefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (assessment.Result is not null)
        {
            var earlier = (await store.ProductHistoryAsync(assessment.ProductId, assessment.Id, cancellationToken)).Before(assessment);
            var plan = await actionPlans.ListAsync(assessment.ProductId, cancellationToken);
            parameters[nameof(ResultPage.Earlier)] = earlier;
            parameters[nameof(ResultPage.Plan)] = plan;
            parameters[nameof(ResultPage.Done)] = ActionPlan.DoneSince(plan, earlier.LastScored(), assessment, schema);
            parameters[nameof(ResultPage.Programmes)] = await programmes.MatchAsync(assessment, cancellationToken);
        }
        return Page.Of<ResultPage>(parameters);
    }

    /// <summary>
    /// The open form's post: a right token becomes the result page's HttpOnly cookie (<see cref="ResultTokenCookie"/>), then a redirect to
    /// it (post, redirect, get). Same-origin only, as the SME's other forms: the page's antiforgery token must come
    /// along, so another site cannot sign a browser in to a result of its choosing.
    /// </summary>
    public async Task<IResult> Open(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (form, refused) = await forms.ReadAsync(context, cancellationToken);
        if (refused is not null) return refused;
        var presented = form![TokenField].ToString();
        if (presented.Length == 0 || await access.FindByTokenAsync(id, presented, cancellationToken) is null)
            return OpenResultPage.For(id, "TokenMissingOrWrong", StatusCodes.Status404NotFound);
        var page = $"/result/{Uri.EscapeDataString(id)}";
        // Lax, not Strict: the link is usually opened from a mail, and the cookie must come along on later visits from it.
        context.Response.Cookies.Append(ResultTokenCookie(id), presented,
            new Access.HostPrefixedCookie(ResultTokenCookie(id)) { SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(90) }.Build(context));
        // The language the form was posted in (its action carries ?lang=) stays in the address.
        return Results.Redirect(RequestLanguage.FromQuery(context.Request) is { } chosen ? $"{page}?lang={chosen.Name}" : page);
    }
}
