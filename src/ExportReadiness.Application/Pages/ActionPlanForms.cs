using ExportReadiness.Application.Access;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Pages.Sme;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The SME's action-plan forms on its result page. They post under the page (<c>/result/{id}/actions…</c>), so the
/// browser sends the page's token cookie (path-scoped, SameSite=Lax: a cross-site post does not carry it), and they
/// carry the page's antiforgery token too. Each answers with a redirect back to the page (post, redirect, get), whose
/// <c>plan</c> parameter says what happened (<see cref="PlanNotice"/>), so a reload never posts again.
/// </summary>
public sealed class ActionPlanForms(AssessmentAccess access, ActionPlanner planner, PageForms forms, ProductAccessLog accessLog)
{
    public async Task<IResult> Add(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (assessment, fields, refused) = await ReadAsync(id, context, cancellationToken);
        if (refused is not null) return refused;
        var result = await planner.AddAsync(assessment!, fields!, PlannedAction.Sme, Lang(context.Request), cancellationToken);
        return Back(id, context.Request, result);
    }

    public async Task<IResult> Change(string id, string actionId, HttpContext context, CancellationToken cancellationToken)
    {
        var (assessment, fields, refused) = await ReadAsync(id, context, cancellationToken);
        if (refused is not null) return refused;
        var result = await planner.ChangeAsync(assessment!, actionId, fields!, fields!.GetValueOrDefault("version") ?? "", cancellationToken);
        return Back(id, context.Request, result);
    }

    private async Task<(Assessment? Assessment, Dictionary<string, string?>? Fields, IResult? Refused)> ReadAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var token = SmePages.ResultToken(context.Request, id);
        if (token is null || await access.FindByTokenAsync(id, token, cancellationToken) is not { } assessment)
            return (null, null, NotFoundPage.Assessment());
        var (form, refused) = await forms.ReadAsync(context, cancellationToken);
        if (refused is not null) return (null, null, refused);
        await accessLog.AssessmentAsync(context, assessment, AccessKind.Change, cancellationToken, ProductAccess.Sme);
        return (assessment, form!.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal), null);
    }

    private static IResult Back(string id, HttpRequest request, PlanResult result)
    {
        var notice = result.Outcome switch
        {
            PlanOutcome.Created => PlanNotice.Added,
            PlanOutcome.AlreadyPlanned => PlanNotice.Exists,
            PlanOutcome.Changed => PlanNotice.Changed,
            PlanOutcome.Conflict => PlanNotice.Stale,
            PlanOutcome.NoSuchAction => PlanNotice.Gone,
            _ => $"{PlanNotice.Invalid}&{PlanNotice.FieldParameter}={Uri.EscapeDataString(result.Errors?.Keys.FirstOrDefault() ?? "")}",
        };
        // Back in the language the form was posted in (its action carries ?lang=).
        return Results.Redirect($"/result/{Uri.EscapeDataString(id)}?lang={Lang(request)}&{PlanNotice.Parameter}={notice}#action-plan");
    }

    private static string Lang(HttpRequest request) => RequestLanguage.Of(request).Name;
}

/// <summary>What an action-plan form did, as its redirect tells the result page (<c>?plan=added</c>, <c>?plan=invalid&amp;field=owner</c>).</summary>
public sealed record PlanNotice(string Code, string? Field)
{
    public const string Parameter = "plan";
    public const string FieldParameter = "field";
    public const string Added = "added";
    public const string Exists = "exists";
    public const string Changed = "changed";
    public const string Stale = "stale";
    public const string Gone = "gone";
    public const string Invalid = "invalid";

    /// <summary>The notice a request to the result page carries; null without one.</summary>
    public static PlanNotice? Of(HttpRequest request) =>
        request.Query[Parameter].ToString() is { Length: > 0 } code ? new(code, request.Query[FieldParameter].ToString()) : null;
}
