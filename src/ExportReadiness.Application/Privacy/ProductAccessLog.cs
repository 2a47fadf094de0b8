using ExportReadiness.Application.Access;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// Writes the access log for a request that has been let in to a product's data: who (the signed-in advisor, or
/// <see cref="ProductAccess.Sme"/>), what (the request's method and path: ids only, never a token, since no token is
/// taken in an address) and when. Awaited before the answer is given: if the log cannot be written, the request fails as
/// any storage failure does (503), so no access goes unrecorded.
/// </summary>
public sealed class ProductAccessLog(IAccessLog log, TimeProvider clock)
{
    public Task AssessmentAsync(HttpContext context, Assessment assessment, AccessKind kind, CancellationToken cancellationToken, string? actor = null) =>
        ProductAsync(context, assessment.ProductId, kind, cancellationToken, assessment.Id, actor);

    public Task ProductAsync(HttpContext context, string productId, AccessKind kind, CancellationToken cancellationToken, string? assessmentId = null, string? actor = null) =>
        log.RecordAsync(new ProductAccess(clock.GetUtcNow(), productId, actor ?? AdvisorOf(context), kind, Operation(context), assessmentId), cancellationToken);

    /// <summary>A list or an export over many products, with its filters (the query string) as the entry's scope.</summary>
    public Task EveryProductAsync(HttpContext context, AccessKind kind, CancellationToken cancellationToken) =>
        log.RecordAsync(new ProductAccess(clock.GetUtcNow(), ProductAccess.EveryProduct, AdvisorOf(context), kind, Operation(context),
            Scope: context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null), cancellationToken);

    private static string Operation(HttpContext context) => $"{context.Request.Method} {context.Request.Path}";

    /// <summary>The routes that call this are for advisors: by the time the handler runs, the request's user is the advisor.</summary>
    private static string AdvisorOf(HttpContext context) =>
        context.User.HasClaim(AdvisorAuthentication.AdvisorClaim, "true") && context.User.Identity?.Name is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("An advisor's access was recorded for a request that has no signed-in advisor.");
}
