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
public sealed class SmePages(QuestionnaireSchema schema, AssessmentAccess access, IAssessmentStore store, ProgrammeOffers programmes, IActionPlanStore actionPlans, TimeProvider clock)
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

    /// <summary>
    /// The SME's private result page. The link it is given carries its token once: that first request trades it for
    /// an HttpOnly cookie of this page (<see cref="ResultTokenCookie"/>) and redirects to the same page without it, so the token does not stay
    /// in the address bar, the browser history, a printed URL or the server's request log of every later view.
    /// </summary>
    public async Task<IResult> Result(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var page = $"/result/{Uri.EscapeDataString(id)}";
        if (request.Query["token"].ToString() is { Length: > 0 } presented)
        {
            if (await access.FindByTokenAsync(id, presented, cancellationToken) is not null)
            {
                // Lax, not Strict: the link is usually opened from a mail, and the page must show on that first visit.
                context.Response.Cookies.Append(ResultTokenCookie(id), presented,
                    new Access.HostPrefixedCookie(ResultTokenCookie(id)) { SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(90) }.Build(context));
                // A language chosen in the link (?lang=) stays in the address; one from the browser's settings needs none.
                return Results.Redirect(RequestLanguage.FromQuery(request) is { } chosen ? $"{page}?lang={chosen.Name}" : page);
            }
        }
        string? token = ResultToken(request, id) ?? request.Query["token"];
        var assessment = await access.FindVisibleAsync(id, context, token, cancellationToken);
        if (assessment is null) return NotFoundPage.Result();

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
}
