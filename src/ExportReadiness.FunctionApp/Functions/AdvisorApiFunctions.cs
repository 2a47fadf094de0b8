using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Application.Reports;
using ExportReadiness.Application.Reviews;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>The advisors' API over assessments: the list, a product's history, reviews, the portfolio and destination reports and their CSV.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class AdvisorApiFunctions(AssessmentHandlers assessments, ReviewHandlers reviews, ReportHandlers reports, DestinationReportHandlers destinations, AccessLogHandlers accessLog)
{
    [Function(nameof(ListAssessments))]
    public async Task<IResult> ListAssessments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Assessments)] HttpRequest request, CancellationToken cancellationToken) =>
        await assessments.List(request, cancellationToken);

    [Function(nameof(GetProduct))]
    public async Task<IResult> GetProduct([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Product)] HttpRequest request, string productId, CancellationToken cancellationToken) =>
        await assessments.Product(productId, request, cancellationToken);

    [Function(nameof(GetProductAccessLog))]
    public async Task<IResult> GetProductAccessLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ProductAccessLog)] HttpRequest request, string productId, CancellationToken cancellationToken) =>
        await accessLog.Get(productId, cancellationToken);

    [Function(nameof(GetReview))]
    public async Task<IResult> GetReview([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Review)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await reviews.Get(id, request.HttpContext, cancellationToken);

    [Function(nameof(PutReview))]
    public async Task<IResult> PutReview([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Review)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await reviews.Put(id, request.HttpContext, cancellationToken);

    [Function(nameof(Portfolio))]
    public async Task<IResult> Portfolio([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Portfolio)] HttpRequest request, CancellationToken cancellationToken) =>
        await reports.Portfolio(request, cancellationToken);

    [Function(nameof(PortfolioCsv))]
    public Task<IResult> PortfolioCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.PortfolioCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        reports.PortfolioCsv(request.HttpContext, cancellationToken);

    [Function(nameof(DestinationReport))]
    public async Task<IResult> DestinationReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DestinationReport)] HttpRequest request, CancellationToken cancellationToken) =>
        await destinations.Report(request, cancellationToken);

    [Function(nameof(DestinationReportCsv))]
    public Task<IResult> DestinationReportCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DestinationReportCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        destinations.Csv(request.HttpContext, cancellationToken);
}
