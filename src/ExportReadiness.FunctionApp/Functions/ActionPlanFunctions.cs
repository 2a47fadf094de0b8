using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Reports;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>
/// A product's action plan: open to the SME holding an assessment's token and to advisors (the handlers check which),
/// through the API and the result page's forms.
/// </summary>
public sealed class ActionPlanFunctions(ActionPlanHandlers actions, ActionPlanForms forms)
{
    [Function(nameof(GetActionPlan))]
    public async Task<IResult> GetActionPlan([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ActionPlan)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await actions.Get(id, request.HttpContext, cancellationToken);

    [Function(nameof(AddAction))]
    [AnonymousWrite]
    public async Task<IResult> AddAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ActionPlan)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await actions.Post(id, request.HttpContext, cancellationToken);

    [Function(nameof(ChangeAction))]
    [AnonymousWrite]
    public async Task<IResult> ChangeAction([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.PlannedAction)] HttpRequest request, string id, string actionId, CancellationToken cancellationToken) =>
        await actions.Put(id, actionId, request.HttpContext, cancellationToken);

    [Function(nameof(AddActionFromResult))]
    [AnonymousWrite]
    public Task<IResult> AddActionFromResult([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ResultActions)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        forms.Add(id, request.HttpContext, cancellationToken);

    [Function(nameof(ChangeActionFromResult))]
    [AnonymousWrite]
    public Task<IResult> ChangeActionFromResult([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ResultAction)] HttpRequest request, string id, string actionId, CancellationToken cancellationToken) =>
        forms.Change(id, actionId, request.HttpContext, cancellationToken);
}

/// <summary>Advisors export every plan.</summary>
[Authorize(Policy = AdvisorAuthentication.Policy)]
public sealed class AdvisorActionPlanFunctions(ReportHandlers reports)
{
    [Function(nameof(ActionsCsv))]
    public Task<IResult> ActionsCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ActionsCsv)] HttpRequest request, CancellationToken cancellationToken) =>
        reports.ActionsCsv(request.HttpContext, cancellationToken);
}
