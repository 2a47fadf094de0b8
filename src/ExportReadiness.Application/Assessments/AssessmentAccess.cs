using ExportReadiness.Application.Access;
using ExportReadiness.Core.Assessments;

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

    /// <summary>The assessment only if <paramref name="token"/> is its access token (whoever the caller is).</summary>
    public async Task<Assessment?> FindByTokenAsync(string id, string token, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } assessment && AccessToken.Matches(token, assessment.AccessTokenHash) ? assessment : null;
}
