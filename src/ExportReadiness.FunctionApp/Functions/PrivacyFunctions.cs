using ExportReadiness.Application.Access;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Privacy;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>The SME's GDPR operations: its product's data as a download, and its erasure, through the API (token header) and the result page (its cookie).</summary>
public sealed class PrivacyFunctions(PrivacyHandlers privacy, PrivacyPages pages)
{
    [Function(nameof(ExportProductData))]
    public Task<IResult> ExportProductData([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AssessmentExport)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        privacy.Export(id, request.HttpContext, cancellationToken);

    [Function(nameof(EraseOwnProduct))]
    [AnonymousWrite]
    public async Task<IResult> EraseOwnProduct([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AssessmentProduct)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await privacy.EraseBySme(id, request.HttpContext, cancellationToken);

    [Function(nameof(DownloadFromResult))]
    public Task<IResult> DownloadFromResult([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ResultExport)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.Download(id, request.HttpContext, cancellationToken);

    [Function(nameof(ConfirmEraseFromResult))]
    public Task<IResult> ConfirmEraseFromResult([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ResultErase)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.ConfirmErase(id, request.HttpContext, cancellationToken);

    [Function(nameof(EraseFromResult))]
    [AnonymousWrite]
    public Task<IResult> EraseFromResult([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ResultErase)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.Erase(id, request.HttpContext, cancellationToken);
}

/// <summary>Advisors erase a product, or every product of a company, on request.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class AdvisorErasureFunctions(PrivacyHandlers privacy)
{
    [Function(nameof(EraseProduct))]
    public async Task<IResult> EraseProduct([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Product)] HttpRequest request, string productId, CancellationToken cancellationToken) =>
        await privacy.EraseProduct(productId, request.HttpContext, cancellationToken);

    [Function(nameof(EraseCompany))]
    public async Task<IResult> EraseCompany([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Erasures)] HttpRequest request, CancellationToken cancellationToken) =>
        await privacy.EraseCompany(request.HttpContext, cancellationToken);
}
