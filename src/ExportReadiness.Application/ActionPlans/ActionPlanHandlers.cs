using System.Text.Json;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.ActionPlans;

/// <summary>
/// A product's action plan through the API, reached through any of its assessments: by the SME holding that
/// assessment's token (as <c>GET /api/assessments/{id}</c>) or by any advisor. An unknown id and another product's token
/// are both 404, so nobody learns of another SME's plan. Adds are idempotent; a change sends the action's version in
/// If-Match (412 when stale).
/// </summary>
public sealed class ActionPlanHandlers(AssessmentAccess access, ActionPlanner planner, IActionPlanStore store, AdvisorAntiforgery antiforgery, IOptions<ExportReadinessOptions> options)
{
    private static readonly string[] AddFields = [ActionInput.IdField, ActionInput.GapField, ActionInput.TitleField, ActionInput.OwnerField, ActionInput.DueDateField, ActionInput.StatusField];
    private static readonly string[] ChangeFields = [ActionInput.TitleField, ActionInput.OwnerField, ActionInput.DueDateField, ActionInput.StatusField];

    public async Task<Results<Ok<ActionPlanView>, ProblemHttpResult>> Get(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (AssessmentHandlers.TokenInQuery(context.Request) is { } inAddress) return inAddress;
        var assessment = await access.FindVisibleAsync(id, context, AssessmentHandlers.TokenOf(context.Request), cancellationToken);
        if (assessment is null) return NotFound(ApiMessages.Of(context.Request));
        var plan = await store.ListAsync(assessment.ProductId, cancellationToken);
        return TypedResults.Ok(new ActionPlanView(assessment.ProductId, plan.AsViews(), planner.GapsOf(assessment)));
    }

    public async Task<Results<Created<ActionView>, Ok<ActionView>, ValidationProblem, ProblemHttpResult>> Post(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(context.Request);
        var (request, refused) = await ReadAsync(id, context, AddFields, texts, cancellationToken);
        if (refused is not null) return refused;
        var result = await planner.AddAsync(request!.Assessment, request.Fields, request.Caller, texts.Lang, cancellationToken);
        switch (result.Outcome)
        {
            case PlanOutcome.Invalid:
                return Problems.Invalid(result.Errors!, Messages.InvalidAction, texts);
            case PlanOutcome.Conflict:
                return Problems.Status(StatusCodes.Status409Conflict, Messages.ActionIdTaken, null, texts);
            case PlanOutcome.AlreadyPlanned:
                context.Response.Headers.ETag = result.Action!.ConcurrencyToken;
                return TypedResults.Ok(result.Action.AsView());
            default:
                context.Response.Headers.ETag = result.Action!.ConcurrencyToken;
                return TypedResults.Created($"/{Routes.ActionPlan.Replace("{id}", Uri.EscapeDataString(id))}/{Uri.EscapeDataString(result.Action.Id)}", result.Action.AsView());
        }
    }

    public async Task<Results<Ok<ActionView>, ValidationProblem, ProblemHttpResult>> Put(string id, string actionId, HttpContext context, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(context.Request);
        var (request, refused) = await ReadAsync(id, context, ChangeFields, texts, cancellationToken);
        if (refused is not null) return refused;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0) return Problems.Status(StatusCodes.Status428PreconditionRequired, Messages.SendActionIfMatch, null, texts);
        var result = await planner.ChangeAsync(request!.Assessment, actionId, request.Fields, ifMatch, cancellationToken);
        switch (result.Outcome)
        {
            case PlanOutcome.Invalid:
                return Problems.Invalid(result.Errors!, Messages.InvalidAction, texts);
            case PlanOutcome.NoSuchAction:
                return Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchAction, texts);
            case PlanOutcome.Conflict:
                return Problems.Status(StatusCodes.Status412PreconditionFailed, Messages.ActionChanged, Messages.ReloadAction, texts);
            default:
                context.Response.Headers.ETag = result.Action!.ConcurrencyToken;
                return TypedResults.Ok(result.Action.AsView());
        }
    }

    private sealed record PlanRequest(Core.Assessments.Assessment Assessment, string Caller, Dictionary<string, string?> Fields);

    /// <summary>
    /// A change's body, caller and assessment, or the problem that ends it: a body that is no JSON object, nobody the
    /// assessment is visible to (404), a cookie-signed advisor without the antiforgery token, a field that is no string.
    /// </summary>
    private async Task<(PlanRequest? Request, ProblemHttpResult? Refused)> ReadAsync(string id, HttpContext context, string[] names, ApiMessages texts, CancellationToken cancellationToken)
    {
        if (AssessmentHandlers.TokenInQuery(context.Request) is { } inAddress) return (null, inAddress);
        var (body, problem) = await JsonBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return (null, problem);
        var (fields, typeErrors) = Fields(body!.Root, names, texts);
        if (await access.FindWithCallerAsync(id, context, AssessmentHandlers.TokenOf(context.Request), cancellationToken) is not { } caller) return (null, NotFound(texts));
        if (await antiforgery.CheckAsync(context) is { } refused) return (null, refused);
        if (typeErrors.Count > 0) return (null, Problems.InvalidFields(typeErrors, Messages.InvalidAction, texts));
        return (new PlanRequest(caller.Assessment, caller.Caller, fields), null);
    }

    /// <summary>The known fields of a JSON body as text (absent or null: none); a field of another JSON type is named.</summary>
    private static (Dictionary<string, string?> Fields, Dictionary<string, string[]> Errors) Fields(JsonElement root, string[] names, IMessageTexts texts)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = [texts.Text(Messages.BodyMustBeObject)];
            return (fields, errors);
        }
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            if (value.ValueKind == JsonValueKind.String) fields[name] = value.GetString();
            else errors[name] = [texts.Text(Messages.ExpectedString)];
        }
        return (fields, errors);
    }

    private static ProblemHttpResult NotFound(IMessageTexts texts) => Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoVisibleAssessment, texts);
}
