using ExportReadiness.Application.Access;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using Microsoft.AspNetCore.Authentication;

namespace ExportReadiness.Application.Assessments;

/// <summary>Who may see an assessment: the SME holding its access token, and any advisor. The API and the result page ask here.</summary>
public sealed class AssessmentAccess(IAssessmentStore store)
{
    /// <summary>The assessment if the caller may see it; null for an unknown id and for a wrong token alike.</summary>
    public async Task<Assessment?> FindVisibleAsync(string id, HttpContext context, string? token, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(id, cancellationToken);
        if (assessment is null) return null;
        return AccessToken.Matches(token, assessment.AccessTokenHash) || await AdvisorAuthentication.IsAdvisorAsync(context) ? assessment : null;
    }

    /// <summary>
    /// The assessment and who is asking, for a change the caller's name is recorded with: <see cref="PlannedAction.Sme"/> for
    /// its token's holder, else a signed-in advisor's name (then the principal becomes the request's user, so an
    /// antiforgery check sees how the advisor signed in). Null for an unknown id and for anyone else alike.
    /// </summary>
    public async Task<(Assessment Assessment, string Caller)?> FindWithCallerAsync(string id, HttpContext context, string? token, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(id, cancellationToken);
        if (assessment is null) return null;
        if (AccessToken.Matches(token, assessment.AccessTokenHash)) return (assessment, PlannedAction.Sme);
        var result = await context.AuthenticateAsync(AdvisorAuthentication.SchemeName);
        if (!result.Succeeded || !result.Principal.HasClaim(AdvisorAuthentication.AdvisorClaim, "true") || result.Principal.Identity?.Name is not { Length: > 0 } advisor) return null;
        context.User = result.Principal;
        return (assessment, advisor);
    }

    /// <summary>The assessment only if <paramref name="token"/> is its access token (whoever the caller is).</summary>
    public async Task<Assessment?> FindByTokenAsync(string id, string token, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } assessment && AccessToken.Matches(token, assessment.AccessTokenHash) ? assessment : null;
}
