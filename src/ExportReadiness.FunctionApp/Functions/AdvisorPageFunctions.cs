using ExportReadiness.Application.Access;
using ExportReadiness.Application.Pages;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>The advisor's dashboard, assessment, destination report and model card pages.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class AdvisorPageFunctions(AdvisorPages pages, DestinationReportPage destinations, ModelCardPage modelCard)
{
    [Function(nameof(AdvisorDashboard))]
    public Task<IResult> AdvisorDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdvisorDashboard)] HttpRequest request, CancellationToken cancellationToken) =>
        pages.Dashboard(request, cancellationToken);

    [Function(nameof(AdvisorAssessment))]
    public Task<IResult> AdvisorAssessment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdvisorAssessment)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.Detail(id, request, cancellationToken);

    [Function(nameof(AdvisorDestinationReport))]
    public Task<IResult> AdvisorDestinationReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdvisorDestinationReport)] HttpRequest request, CancellationToken cancellationToken) =>
        destinations.Show(request, cancellationToken);

    [Function(nameof(AdvisorModelCard))]
    public Task<IResult> AdvisorModelCard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AdvisorModelCard)] HttpRequest request, CancellationToken cancellationToken) =>
        modelCard.Show(request, cancellationToken);
}
