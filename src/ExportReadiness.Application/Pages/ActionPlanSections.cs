using ExportReadiness.Application.Pages.ActionPlans;
using ExportReadiness.Application.Pages.Sme;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The product's action plan on the pages is the <see cref="ActionPlanSection"/> component (and, on a re-assessment,
/// <see cref="DoneBesideChanges"/>); this holds what its forms need for the SME's page and the advisor's.
/// </summary>
public static class ActionPlanSections
{
    /// <summary>
    /// Where the forms post. The SME's post under its result page (the token cookie is scoped there) with the page's
    /// antiforgery field; an advisor's page has the same forms under <c>/api/assessments/{id}</c>, where the API's routes
    /// are: advisor.js sends them as JSON with the session's antiforgery header and the action's If-Match.
    /// </summary>
    public sealed record Forms(string ResultPath, bool ViaApi = false)
    {
        public static Forms ForAdvisor(string assessmentId) => new($"/api/assessments/{Uri.EscapeDataString(assessmentId)}", ViaApi: true);
    }
}
