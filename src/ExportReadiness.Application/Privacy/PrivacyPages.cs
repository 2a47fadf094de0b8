using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Pages.Privacy;
using ExportReadiness.Application.Pages.Sme;
using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// The result page's "download our data" and "erase our data", without script: under the page, so its token cookie comes
/// along (and only that: the page is the SME's, an advisor erases through the API). The download is a GET the cookie
/// authorizes; the erasure asks first (a GET of the confirmation page), then posts with the page's antiforgery token.
/// </summary>
public sealed class PrivacyPages(AssessmentAccess access, PrivacyHandlers handlers, PageForms forms)
{
    public async Task<IResult> Download(string id, HttpContext context, CancellationToken cancellationToken) =>
        SmePages.ResultToken(context.Request, id) is { } token && await access.FindByTokenAsync(id, token, cancellationToken) is { } assessment
            ? await handlers.ExportAsync(assessment.ProductId, context, cancellationToken, ProductAccess.Sme)
            : NotFoundPage.Assessment();

    public async Task<IResult> ConfirmErase(string id, HttpContext context, CancellationToken cancellationToken) =>
        SmePages.ResultToken(context.Request, id) is { } token && await access.FindByTokenAsync(id, token, cancellationToken) is { } assessment
            ? Page.Of<ConfirmErasePage>(new Dictionary<string, object?> { [nameof(ConfirmErasePage.Id)] = id, [nameof(ConfirmErasePage.ProductName)] = assessment.Product.Name })
            : NotFoundPage.Assessment();

    /// <summary>Erases the product and confirms it; posted again (a reload), the same confirmation from the erasure's receipt.</summary>
    public async Task<IResult> Erase(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (SmePages.ResultToken(context.Request, id) is not { } token) return NotFoundPage.Assessment();
        var (_, refused) = await forms.ReadAsync(context, cancellationToken);
        if (refused is not null) return refused;
        return await handlers.EraseWithTokenAsync(id, token, context, cancellationToken) is { } record
            ? Page.Of<ErasedPage>(new Dictionary<string, object?> { [nameof(ErasedPage.Record)] = record })
            : NotFoundPage.Assessment();
    }
}
