using ExportReadiness.Application.Access;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The SME's action-plan forms on its result page. They post under the page (<c>/result/{id}/actions…</c>), so the
/// browser sends the page's token cookie (path-scoped, SameSite=Lax: a cross-site post does not carry it), and they
/// carry the page's antiforgery token too. Each answers with a redirect back to the page (post, redirect, get), whose
/// <c>plan</c> parameter says what happened, so a reload never posts again.
/// </summary>
public sealed class ActionPlanForms(AssessmentAccess access, ActionPlanner planner, AdvisorAntiforgery antiforgery)
{
    public const string NoticeParameter = "plan";
    public const string FieldParameter = "field";

    public async Task<IResult> Add(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (assessment, fields, refused) = await ReadAsync(id, context, cancellationToken);
        if (refused is not null) return refused;
        var result = await planner.AddAsync(assessment!, fields!, PlannedAction.Sme, Language(context.Request), cancellationToken);
        return Back(id, context.Request, result);
    }

    public async Task<IResult> Change(string id, string actionId, HttpContext context, CancellationToken cancellationToken)
    {
        var (assessment, fields, refused) = await ReadAsync(id, context, cancellationToken);
        if (refused is not null) return refused;
        var result = await planner.ChangeAsync(assessment!, actionId, fields!, fields!.GetValueOrDefault("version") ?? "", cancellationToken);
        return Back(id, context.Request, result);
    }

    /// <summary>The notice the result page shows after a form's redirect, in its language; null without one.</summary>
    public static string? Notice(HttpRequest request, string lang) => request.Query[NoticeParameter].ToString() switch
    {
        "added" => T(lang, "Åtgärden är tillagd i planen.", "The action is added to the plan."),
        "exists" => T(lang, "Åtgärden fanns redan i planen.", "The action was in the plan already."),
        "changed" => T(lang, "Åtgärden är uppdaterad.", "The action is updated."),
        "stale" => T(lang, "Åtgärden hade ändrats under tiden; här är den nya versionen. Ändra igen om det behövs.", "The action had changed meanwhile; here is its new version. Change it again if needed."),
        "gone" => T(lang, "Åtgärden finns inte i planen.", "The action is not in the plan."),
        "invalid" => T(lang, $"Kontrollera fältet: {FieldName(request.Query[FieldParameter].ToString(), lang)}.", $"Check the field: {FieldName(request.Query[FieldParameter].ToString(), lang)}."),
        _ => null,
    };

    private async Task<(Assessment? Assessment, Dictionary<string, string?>? Fields, IResult? Refused)> ReadAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var lang = Language(request);
        var token = request.Cookies[SmePages.ResultTokenCookie];
        if (token is null || await access.FindByTokenAsync(id, token, cancellationToken) is not { } assessment)
            return (null, null, Page(request, T(lang, "Hittades inte", "Not found"), $"<h1>{T(lang, "Bedömningen hittades inte", "Assessment not found")}</h1><p>{T(lang, "Öppna först ert resultat med länken ni fick.", "Open your result with the link you were given first.")}</p>", StatusCodes.Status404NotFound));
        if (!request.HasFormContentType)
            return (null, null, Hosting.Problems.Status(StatusCodes.Status415UnsupportedMediaType, Messages.UnsupportedMediaType, null, lang));
        try
        {
            if (await antiforgery.ValidateAsync(context) is { } forged) return (null, null, forged);
            var form = await request.ReadFormAsync(cancellationToken);
            return (assessment, form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal), null);
        }
        catch (InvalidDataException)
        {
            // A form beyond the framework's limits (too many fields, a field too long): refused, never a 500.
            return (null, null, Hosting.Problems.Status(StatusCodes.Status413PayloadTooLarge, Messages.BodyTooLarge, null, lang));
        }
    }

    private static IResult Back(string id, HttpRequest request, PlanResult result)
    {
        var notice = result.Outcome switch
        {
            PlanOutcome.Created => "added",
            PlanOutcome.AlreadyPlanned => "exists",
            PlanOutcome.Changed => "changed",
            PlanOutcome.Conflict => "stale",
            PlanOutcome.NoSuchAction => "gone",
            _ => $"invalid&{FieldParameter}={Uri.EscapeDataString(result.Errors?.Keys.FirstOrDefault() ?? "")}",
        };
        var lang = Language(request);
        return Results.Redirect($"/result/{Uri.EscapeDataString(id)}?{(lang == "en" ? "lang=en&" : "")}{NoticeParameter}={notice}#action-plan");
    }

    private static string FieldName(string field, string lang) => field switch
    {
        ActionInput.GapField => T(lang, "lucka", "gap"),
        ActionInput.OwnerField => T(lang, "ansvarig", "owner"),
        ActionInput.DueDateField => T(lang, "klart senast", "due date"),
        ActionInput.TitleField => T(lang, "åtgärd", "action"),
        ActionInput.StatusField => T(lang, "status", "status"),
        _ => field,
    };
}
