using ExportReadiness.Application.Access;
using ExportReadiness.Application.Learning;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Advisors keep outcome files as training labels and read the model card.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class LearningFunctions(OutcomeSetHandlers outcomeSets, ModelCardHandlers modelCard)
{
    [Function(nameof(ListOutcomeSets))]
    public async Task<IResult> ListOutcomeSets([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OutcomeSets)] HttpRequest request, CancellationToken cancellationToken) =>
        await outcomeSets.List(cancellationToken);

    [Function(nameof(AddOutcomeSet))]
    public async Task<IResult> AddOutcomeSet([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.OutcomeSets)] HttpRequest request, CancellationToken cancellationToken) =>
        await outcomeSets.Add(request.HttpContext, cancellationToken);

    [Function(nameof(GetOutcomeSet))]
    public async Task<IResult> GetOutcomeSet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OutcomeSet)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await outcomeSets.Get(id, request, cancellationToken);

    [Function(nameof(RemoveOutcomeSet))]
    public async Task<IResult> RemoveOutcomeSet([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.OutcomeSet)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await outcomeSets.Remove(id, request.HttpContext, cancellationToken);

    [Function(nameof(ModelCard))]
    public async Task<IResult> ModelCard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModelCard)] HttpRequest request, CancellationToken cancellationToken) =>
        await modelCard.Get(request, cancellationToken);
}
