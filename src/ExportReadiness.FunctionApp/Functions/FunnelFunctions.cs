using ExportReadiness.Application.Access;
using ExportReadiness.Application.Funnel;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Advisors move products through the funnel's stages and read the funnel by programme and cohort.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class FunnelFunctions(StageHandlers stages)
{
    [Function(nameof(MoveProductStage))]
    public async Task<IResult> MoveProductStage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ProductStages)] HttpRequest request, string productId, CancellationToken cancellationToken) =>
        await stages.Move(productId, request.HttpContext, cancellationToken);

    [Function(nameof(Funnel))]
    public async Task<IResult> Funnel([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Funnel)] HttpRequest request, CancellationToken cancellationToken) =>
        await stages.Report(request, cancellationToken);

    [Function(nameof(FunnelCsv))]
    public Task<IResult> FunnelCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.FunnelCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        stages.Csv(request.HttpContext, cancellationToken);
}
