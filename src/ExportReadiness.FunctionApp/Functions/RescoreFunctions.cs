using ExportReadiness.Application.Access;
using ExportReadiness.Application.Rescoring;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Advisors start a retrain + re-score run by hand and follow the runs.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class RescoreFunctions(RescoreHandlers rescore)
{
    [Function(nameof(StartRescore))]
    public async Task<IResult> StartRescore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Rescore)] HttpRequest request) =>
        await rescore.Start(request);

    [Function(nameof(RescoreRuns))]
    public async Task<IResult> RescoreRuns([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RescoreRuns)] HttpRequest request, CancellationToken cancellationToken) =>
        await rescore.Recent(cancellationToken);

    [Function(nameof(RescoreRun))]
    public async Task<IResult> RescoreRun([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.RescoreRun)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await rescore.Get(id, request, cancellationToken);
}
