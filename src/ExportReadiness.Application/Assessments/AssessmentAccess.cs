using ExportReadiness.Application.Access;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using Microsoft.AspNetCore.Authentication;

namespace ExportReadiness.Application.Assessments;

/// <summary>
/// Who may see an assessment: the SME holding its access token, and any advisor. The API and the result page ask here, and
/// here an advisor's read and anyone's change enter the access log (<see cref="ProductAccessLog"/>).
/// </summary>
public sealed class AssessmentAccess(IAssessmentStore store, ProductAccessLog accessLog)
{
    /// <summary>The assessment if the caller may see it; null for an unknown id and for a wrong token alike.</summary>
    public async Task<Assessment?> FindVisibleAsync(string id, HttpContext context, string? token, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(id, cancellationToken);
        if (assessment is null) return null;
        if (AccessToken.Matches(token, assessment.AccessTokenHash)) return assessment;
        if (await SignedInAdvisorAsync(context) is null) return null;
        await accessLog.AssessmentAsync(context, assessment, AccessKind.Read, cancellationToken);
        return assessment;
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
        if (AccessToken.Matches(token, assessment.AccessTokenHash))
        {
            await accessLog.AssessmentAsync(context, assessment, AccessKind.Change, cancellationToken, ProductAccess.Sme);
            return (assessment, PlannedAction.Sme);
        }
        if (await SignedInAdvisorAsync(context) is not { } advisor) return null;
        await accessLog.AssessmentAsync(context, assessment, AccessKind.Change, cancellationToken);
        return (assessment, advisor);
    }

    /// <summary>The signed-in advisor's name, the request's user from then on (so the access log and an antiforgery check see who it is); null for anyone else.</summary>
    private static async Task<string?> SignedInAdvisorAsync(HttpContext context)
    {
        if (context.User.HasClaim(AdvisorAuthentication.AdvisorClaim, "true") && context.User.Identity?.Name is { Length: > 0 } known) return known;
        var result = await context.AuthenticateAsync(AdvisorAuthentication.SchemeName);
        if (!result.Succeeded || !result.Principal.HasClaim(AdvisorAuthentication.AdvisorClaim, "true") || result.Principal.Identity?.Name is not { Length: > 0 } advisor) return null;
        context.User = result.Principal;
        return advisor;
    }

    /// <summary>The assessment only if <paramref name="token"/> is its access token (whoever the caller is).</summary>
    public async Task<Assessment?> FindByTokenAsync(string id, string token, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } assessment && AccessToken.Matches(token, assessment.AccessTokenHash) ? assessment : null;
}
