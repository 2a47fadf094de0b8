using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Pages.Advisor;
using ExportReadiness.Application.Programmes;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The advisor's dashboard and assessment pages, behind the advisor policy: signed in with a key on the sign-in form
/// (<see cref="AdvisorSignIn"/>, a session cookie) or, behind App Service Authentication, by the platform. Each handler
/// reads what its page shows and hands it to the page's component (<see cref="DashboardPage"/>, <see cref="AssessmentDetailPage"/>),
/// which carries the antiforgery token its forms and scripts send back (<see cref="AdvisorAntiforgery"/>).
/// </summary>
public sealed class AdvisorPages(IAssessmentStore store, IReviewStore reviews, ProgrammeOffers programmes, CohortProgrammes cohort, FunnelReader funnel, IActionPlanStore actionPlans, ProductAccessLog accessLog)
{
    public const int PageSize = 25;

    /// <summary>The sign-in form, answered with 401 wherever a page needs an advisor who has not signed in.</summary>
    public static IResult SignIn(SignInError? error = null, int status = StatusCodes.Status401Unauthorized, bool appServiceSignIn = false) =>
        Page.Of<SignInPage>(new Dictionary<string, object?>
        {
            [nameof(SignInPage.Error)] = error,
            [nameof(SignInPage.AppServiceSignIn)] = appServiceSignIn,
        }, status);

    public async Task<IResult> Dashboard(HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, errors) = AssessmentFilter.Parse(request.Query);
        if (errors.Count > 0) query = new AssessmentQuery();
        // The portfolio and its stage funnel from the kept tallies (a scan only for drill-down filters); the programmes its
        // gaps call for from a scan that stops at a bounded number of products.
        // The three reads are independent: at once, the page waits for the slowest (the demand's bounded scan), not their sum.
        var token = request.Query["continuationToken"].ToString();
        var reading = funnel.PortfolioAsync(query, cancellationToken);
        var demanding = cohort.BuildAsync(query, cancellationToken);
        var listing = store.ListAsync(query, token.Length == 0 ? null : token, PageSize, cancellationToken);
        await Task.WhenAll(reading, demanding, listing);
        var (report, demand, page) = (await reading, await demanding, await listing);
        return Page.Of<DashboardPage>(new Dictionary<string, object?>
        {
            [nameof(DashboardPage.Query)] = query,
            [nameof(DashboardPage.Report)] = report,
            [nameof(DashboardPage.Demand)] = demand,
            [nameof(DashboardPage.Stages)] = funnel.Stages,
            [nameof(DashboardPage.Items)] = page.Items,
            [nameof(DashboardPage.ContinuationToken)] = page.ContinuationToken,
        });
    }

    public async Task<IResult> Detail(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(id, cancellationToken);
        if (assessment is null) return Page.Of<NoSuchAssessmentPage>(status: StatusCodes.Status404NotFound);
        await accessLog.AssessmentAsync(request.HttpContext, assessment, AccessKind.Read, cancellationToken);
        // The product's latest window, newer assessments included (an advisor sees the whole recent history from any of
        // them); through this one when it is older than the window. Never empty: the product index row may lag the assessment row.
        var latest = await store.ProductHistoryAsync(assessment.ProductId, null, cancellationToken);
        var window = latest.Any(a => a.Id == assessment.Id) ? latest : await store.ProductHistoryAsync(assessment.ProductId, assessment.Id, cancellationToken);
        var productHistory = window is { Count: > 0 } ? window : [assessment];
        return Page.Of<AssessmentDetailPage>(new Dictionary<string, object?>
        {
            [nameof(AssessmentDetailPage.Assessment)] = assessment,
            [nameof(AssessmentDetailPage.Review)] = await reviews.GetAsync(id, cancellationToken),
            [nameof(AssessmentDetailPage.Reviews)] = await reviews.HistoryAsync(id, cancellationToken),
            [nameof(AssessmentDetailPage.History)] = productHistory,
            [nameof(AssessmentDetailPage.Plan)] = await actionPlans.ListAsync(assessment.ProductId, cancellationToken),
            [nameof(AssessmentDetailPage.Timeline)] = await funnel.TimelineAsync(productHistory, cancellationToken),
            [nameof(AssessmentDetailPage.Stages)] = funnel.Stages,
            [nameof(AssessmentDetailPage.Matches)] = await programmes.MatchAsync(assessment, cancellationToken),
            [nameof(AssessmentDetailPage.Today)] = funnel.Today,
            [nameof(AssessmentDetailPage.LatestMoveDate)] = funnel.LatestMoveDate,
        });
    }
}
