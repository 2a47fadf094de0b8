using System.Text;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Programmes;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>The SME's pages: the questionnaire form at <c>/</c> and its private result page.</summary>
public sealed class SmePages(QuestionnaireSchema schema, AssessmentAccess access, IAssessmentStore store, ProgrammeOffers programmes, IActionPlanStore actionPlans, TimeProvider clock)
{
    /// <summary>Holds an SME's access token for its result page only (the cookie's path is that page).</summary>
    public const string ResultTokenCookie = "sme_token";

    public IResult Form(HttpRequest request) => FormPage(request, null, null);

    /// <summary>The app's calendar day, for "overdue": the same clock as the CSV export and the tests' fake one.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The form again, filled in with an assessment's answers, for its SME to re-assess the product. Only the holder of
    /// that assessment's token gets it (the cookie of its result page, whose path this page is under); the page carries
    /// the token for form.js to prove the link with, and like every page it is never cached (<c>no-store</c>).
    /// </summary>
    public async Task<IResult> Reassess(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var lang = Language(request);
        var token = request.Cookies[ResultTokenCookie];
        if (token is null || await access.FindByTokenAsync(id, token, cancellationToken) is not { } assessment)
            return Page(request, T(lang, "Hittades inte", "Not found"), $"<h1>{T(lang, "Bedömningen hittades inte", "Assessment not found")}</h1><p>{T(lang, "Öppna först ert resultat med länken ni fick.", "Open your result with the link you were given first.")}</p>", StatusCodes.Status404NotFound);
        return FormPage(request, assessment, token);
    }

    private IResult FormPage(HttpRequest request, Assessment? from, string? token)
    {
        var lang = Language(request);
        var link = from is null ? "" : $" data-previous-assessment-id=\"{E(from.Id)}\" data-previous-token=\"{E(token)}\"";
        var values = from is null ? new Dictionary<string, string?>() : ContextValues(from);
        var body = new StringBuilder();
        body.Append($"<h1>{T(lang, "Är er produkt redo för export?", "Is your product ready for export?")}</h1>")
            .Append($"<p class=\"lead\">{T(lang, "Besvara frågorna om en produkt. Ni får ett exportmognadsvärde, styrkor per område och vad ni bör göra härnäst. Svaren är konfidentiella.", "Answer the questions about one product. You get an export readiness score, strengths per area and what to do next. Your answers are confidential.")}</p>")
            .Append(from is null ? "" : $"<p class=\"status\" id=\"reassess-note\">{T(lang, $"Ny bedömning av {E(from.Product.Name)}: svaren från {from.SubmittedAt:yyyy-MM-dd} är ifyllda. Ändra det som har ändrats och skicka in.", $"A new assessment of {E(from.Product.Name)}: the answers of {from.SubmittedAt:yyyy-MM-dd} are filled in. Change what has changed and submit.")}</p>")
            .Append($"<form id=\"assessment\" data-schema-version=\"{schema.SchemaVersion}\" data-lang=\"{lang}\"{link} novalidate>")
            .Append($"<div class=\"progress\" aria-live=\"polite\"><div class=\"progress-bar\" id=\"progress-bar\"></div><span id=\"progress-text\"></span></div>")
            .Append($"<div class=\"form-errors\" id=\"form-errors\" role=\"alert\" hidden></div>")
            .Append($"<fieldset><legend>{T(lang, "Företaget och produkten", "The company and the product")}</legend>")
            .Append(string.Concat(schema.Context.Select(f => ContextInput(f, schema, lang, values.GetValueOrDefault(f.Id), clock.GetUtcNow()))))
            .Append("</fieldset>");

        foreach (var dimension in schema.Dimensions)
        {
            body.Append($"<fieldset class=\"dimension\" id=\"dimension-{E(dimension.Id)}\"><legend>{E(dimension.Name, lang)}</legend>");
            foreach (var q in schema.Questions.Where(q => q.Dimension == dimension.Id)) body.Append(QuestionField(q, lang, from?.Answers.GetValueOrDefault(q.Id)));
            body.Append("</fieldset>");
        }
        body.Append($"<button type=\"submit\" class=\"primary\">{T(lang, "Skicka in och få resultat", "Submit and see the result")}</button></form>");
        return Page(request, T(lang, "Exportmognad", "Export readiness"), body.ToString(), script: "form.js");
    }

    /// <summary>The company and product fields of an assessment by their form names, as the form shows them.</summary>
    private static Dictionary<string, string?> ContextValues(Assessment a) => new(StringComparer.Ordinal)
    {
        ["company.name"] = a.Company.Name,
        ["company.sector"] = a.Company.Sector,
        ["company.employees"] = N(a.Company.Employees),
        ["company.turnoverSek"] = N(a.Company.TurnoverSek, "0.##"),
        ["company.yearFounded"] = N(a.Company.YearFounded),
        ["company.region"] = a.Company.Region,
        ["company.exportSharePercent"] = N(a.Company.ExportSharePercent, "0.##"),
        ["product.name"] = a.Product.Name,
        ["product.description"] = a.Product.Description,
        ["programme"] = a.Programme == Submission.DefaultProgramme ? null : a.Programme,
    };

    private static string Checked(bool on) => on ? " checked" : "";

    private static string QuestionField(Question q, string lang, Answer? answer)
    {
        var applies = q.AppliesTo is null ? "" : $" data-applies-to=\"{E(string.Join(' ', q.AppliesTo))}\"";
        var optional = q.Required ? "" : $" <em>({T(lang, "valfri", "optional")})</em>";
        var html = new StringBuilder($"<div class=\"question field\" data-field=\"answers.{E(q.Id)}\" data-required=\"{(q.Required ? "true" : "false")}\"{applies}>")
            .Append($"<p class=\"question-text\">{E(q.Text, lang)}{optional}</p>");
        switch (q.Type)
        {
            case QuestionType.Choice:
                foreach (var o in q.Options!)
                    html.Append($"<label class=\"option\"><input type=\"radio\" name=\"answers.{E(q.Id)}\" value=\"{E(o.Value)}\" data-kind=\"choice\"{Checked(answer?.Choice == o.Value)}> {E(o.Label, lang)}</label>");
                break;
            case QuestionType.YesNo:
                html.Append($"<label class=\"option\"><input type=\"radio\" name=\"answers.{E(q.Id)}\" value=\"true\" data-kind=\"yesNo\"{Checked(answer?.YesNo == true)}> {T(lang, "Ja", "Yes")}</label>")
                    .Append($"<label class=\"option\"><input type=\"radio\" name=\"answers.{E(q.Id)}\" value=\"false\" data-kind=\"yesNo\"{Checked(answer?.YesNo == false)}> {T(lang, "Nej", "No")}</label>");
                break;
            default:
                var unit = q.Unit is null ? "" : $" <span class=\"unit\">{E(q.Unit, lang)}</span>";
                html.Append($"<input type=\"number\" name=\"answers.{E(q.Id)}\" min=\"{N(q.Min!.Value)}\" max=\"{N(q.Max!.Value)}\" step=\"any\" data-kind=\"number\"{(answer?.Number is { } n ? $" value=\"{N(n, "0.##")}\"" : "")}>{unit}");
                break;
        }
        return html.Append("<small class=\"error\"></small></div>").ToString();
    }

    /// <summary>One company or product field, with the label and bounds the schema (and so the validator) gives it.</summary>
    private static string ContextInput(ContextField f, QuestionnaireSchema schema, string lang, string? value, DateTimeOffset now)
    {
        var valueAttribute = value is null ? "" : $" value=\"{E(value)}\"";
        var input = f.Type switch
        {
            ContextFieldType.Sector => Select(f.Id, schema.Sectors.Select(s => (s.Id, s.Name.In(lang))), lang, value),
            ContextFieldType.Region => Select(f.Id, schema.Regions.Select(r => (r.Id, r.Name.In(lang))), lang, value),
            ContextFieldType.Integer or ContextFieldType.Number =>
                $"<input type=\"number\" name=\"{f.Id}\" min=\"{N(f.Min!.Value)}\" max=\"{N(f.MaxOn(now)!.Value)}\" step=\"{(f.Type == ContextFieldType.Integer ? "1" : "any")}\" data-kind=\"number\"{valueAttribute}>",
            _ when f.MaxLength > 500 => $"<textarea name=\"{f.Id}\" maxlength=\"{f.MaxLength}\" rows=\"2\">{E(value)}</textarea>",
            _ => $"<input type=\"text\" name=\"{f.Id}\" maxlength=\"{f.MaxLength}\"{valueAttribute}>",
        };
        return $"<label class=\"field\" data-field=\"{f.Id}\" data-required=\"{(f.Required ? "true" : "false")}\"><span>{E(f.Label, lang)}</span>{input}<small class=\"error\"></small></label>";
    }

    private static string Select(string name, IEnumerable<(string Id, string Name)> options, string lang, string? selected) =>
        $"<select name=\"{name}\"><option value=\"\">{T(lang, "Välj…", "Choose…")}</option>" +
        string.Concat(options.Select(o => $"<option value=\"{E(o.Id)}\"{(o.Id == selected ? " selected" : "")}>{E(o.Name)}</option>")) + "</select>";

    /// <summary>
    /// The SME's private result page. The link it is given carries its token once: that first request trades it for
    /// an HttpOnly cookie scoped to this page and redirects to the same page without it, so the token does not stay
    /// in the address bar, the browser history, a printed URL or the server's request log of every later view.
    /// </summary>
    public async Task<IResult> Result(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var lang = Language(request);
        var page = $"/result/{Uri.EscapeDataString(id)}";
        if (request.Query["token"].ToString() is { Length: > 0 } presented)
        {
            if (await access.FindByTokenAsync(id, presented, cancellationToken) is not null)
            {
                // Lax, not Strict: the link is usually opened from a mail, and the page must show on that first visit.
                context.Response.Cookies.Append(ResultTokenCookie, presented, new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = request.IsHttps, Path = page, MaxAge = TimeSpan.FromDays(90),
                });
                return Results.Redirect(lang == "en" ? $"{page}?lang=en" : page);
            }
        }
        string? token = request.Cookies[ResultTokenCookie] ?? request.Query["token"];
        var assessment = await access.FindVisibleAsync(id, context, token, cancellationToken);
        if (assessment is null)
            return Page(request, T(lang, "Hittades inte", "Not found"), $"<h1>{T(lang, "Resultatet hittades inte", "Result not found")}</h1><p>{T(lang, "Länken saknar eller har fel åtkomstnyckel.", "The link lacks the access token, or it is wrong.")}</p>", StatusCodes.Status404NotFound);

        var company = assessment.Company;
        // A printed report stands alone: whose product, where, and when it was submitted.
        var lead = string.Join(" · ", E(company.Name), E(schema.SectorName(company.Sector, lang)), E(schema.RegionName(company.Region, lang)),
            $"{T(lang, "inlämnad", "submitted")} {assessment.SubmittedAt:yyyy-MM-dd}");
        var body = new StringBuilder($"<article class=\"report\"><h1>{E(assessment.Product.Name)}</h1><p class=\"lead\" id=\"report-lead\">{lead}</p>");
        body.Append(AdvisorMessagesSection(assessment.AdvisorMessages(), lang));
        string? head = null;
        var ownToken = AccessToken.Matches(token, assessment.AccessTokenHash);
        if (assessment.Status == AssessmentStatus.Pending)
        {
            head = "<meta http-equiv=\"refresh\" content=\"2\">";
            body.Append($"<p class=\"status pending\" id=\"status\">{T(lang, "Bedömningen pågår – sidan uppdateras av sig själv.", "Scoring in progress – this page refreshes itself.")}</p>");
        }
        else if (assessment.Status == AssessmentStatus.Failed)
            body.Append($"<p class=\"status failed\" id=\"status\">{T(lang, "Bedömningen misslyckades. Kontakta er rådgivare.", "Scoring failed. Please contact your advisor.")}</p>");
        else if (assessment.Result is { } r)
        {
            body.Append(ResultSection(r, schema, lang));
            var earlier = (await store.ProductHistoryAsync(assessment.ProductId, cancellationToken)).Before(assessment);
            var plan = await actionPlans.ListAsync(assessment.ProductId, cancellationToken);
            body.Append(ChangeSection(earlier, r, schema, lang, ActionPlan.DoneSince(plan, earlier.LastScored(), assessment, schema)));
            // The SME holding the token gets the forms; an advisor reading the page sees the plan (and changes it through the API).
            var forms = ownToken ? new ActionPlanSections.Forms(page, Access.AdvisorAntiforgery.HiddenField(context)) : null;
            body.Append(ActionPlanSections.Section(plan, ActionGaps.Of(assessment, schema), schema, lang, forms, Today(), ActionPlanForms.Notice(request, lang)));
            if (await programmes.MatchAsync(assessment, cancellationToken) is { } matches) body.Append(ProgrammeSections.ForProduct(matches, lang));
        }
        // Only the SME holding this assessment's token can re-assess from it (the link's page asks for the same cookie).
        var reassess = ownToken
            ? $" <a class=\"button\" id=\"reassess\" href=\"{page}/reassess{(lang == "en" ? "?lang=en" : "")}\">{T(lang, "Bedöm produkten igen", "Re-assess this product")}</a>"
            : "";
        body.Append($"<p class=\"no-print\"><button type=\"button\" data-print>{T(lang, "Skriv ut / spara som PDF", "Print / save as PDF")}</button>{reassess}</p></article>");
        return Page(request, T(lang, "Resultat", "Result"), body.ToString(), head: head, script: "report.js");
    }

    /// <summary>
    /// What advisors wrote to the SME, first on the page and in the printed report: it is addressed to the company, and
    /// it is what it will look for when an advisor says "see your result page". Only messages marked for the SME come
    /// here (<see cref="AssessmentViewMapping.AdvisorMessages"/>); the review's internal note never does.
    /// </summary>
    private static string AdvisorMessagesSection(IReadOnlyList<Core.Reviews.AdvisorMessage> messages, string lang)
    {
        if (messages.Count == 0) return "";
        var html = new StringBuilder($"<section class=\"advisor-messages card\" id=\"advisor-messages\"><h2>{T(lang, "Från er rådgivare", "From your advisor")}</h2>");
        foreach (var m in messages)
            html.Append($"<blockquote class=\"advisor-message\"><p class=\"message-text\">{E(m.Text)}</p>")
                .Append($"<footer>{E(m.Advisor)}, <time datetime=\"{m.WrittenAt:yyyy-MM-dd}\">{m.WrittenAt:yyyy-MM-dd}</time></footer></blockquote>");
        return html.Append("</section>").ToString();
    }

    /// <summary>
    /// What changed since the product's last scored assessment, per dimension and overall, with the earlier dates: shared
    /// by the SME's result page (and so its printed report) and the advisor's detail page. Nothing for a first assessment.
    /// </summary>
    internal static string ChangeSection(IReadOnlyList<Assessment> earlier, ScoringResult now, QuestionnaireSchema schema, string lang, IReadOnlyList<DimensionActions> done)
    {
        if (earlier.LastScored() is not { Result: { } before } last) return "";
        string Name(string id) => id == ProductHistory.Overall ? T(lang, "Totalt", "Overall") : schema.DimensionName(id, lang);
        var changes = ProductHistory.Changes(before, now);
        var overall = changes[^1];
        var html = new StringBuilder($"<section class=\"change\" id=\"change\"><h2>{T(lang, "Förändring sedan förra bedömningen", "Change since the last assessment")}</h2>")
            .Append($"<p id=\"change-overall\">{T(lang,
                $"Exportmognad {before.ReadinessScore} → {now.ReadinessScore} ({Charts.Signed(overall.Delta)}) sedan {last.SubmittedAt:yyyy-MM-dd}.",
                $"Export readiness {before.ReadinessScore} → {now.ReadinessScore} ({Charts.Signed(overall.Delta)}) since {last.SubmittedAt:yyyy-MM-dd}.")}</p>")
            .Append(Charts.ChangeBars(changes.Select(c => new Charts.ChangeRow(Name(c.Id), c.Before, c.After)).ToList(),
                T(lang, "Poäng förra gången och nu, per område", "Score last time and now, per dimension"),
                $"{T(lang, "förra", "last")} {last.SubmittedAt:yyyy-MM-dd}", T(lang, "nu", "now")))
            .Append(ActionPlanSections.DoneBesideChanges(done, changes, schema, lang));
        if (earlier.Count(a => a.Result is not null) > 1)
        {
            html.Append($"<h3>{T(lang, "Alla bedömningar av produkten", "Every assessment of the product")}</h3><ol id=\"history\">");
            foreach (var a in earlier.Where(a => a.Result is not null))
                html.Append($"<li>{a.SubmittedAt:yyyy-MM-dd}: {a.Result!.ReadinessScore} ({LevelName(a.Result.Level, lang)})</li>");
            html.Append("</ol>");
        }
        return html.Append("</section>").ToString();
    }

    public static string LevelName(ReadinessLevel level, string lang) => level switch
    {
        ReadinessLevel.ExportReady => T(lang, "Exportredo", "Export ready"),
        ReadinessLevel.Ready => T(lang, "Nästan redo", "Ready"),
        ReadinessLevel.Emerging => T(lang, "På väg", "Emerging"),
        _ => T(lang, "Inte redo än", "Not ready yet"),
    };

    /// <summary>
    /// Why the score is what it is, from the model itself: the score of the same company with every answer at
    /// its lowest, what each area's answers add to it (they add up to the score), and what each area still holds
    /// back. The gaps below come from the same figures, so the two never disagree.
    /// </summary>
    private static string Explanation(ScoringResult r, ScoreExplanation why, QuestionnaireSchema schema, string lang)
    {
        var rows = why.Dimensions.OrderByDescending(d => d.Points).ThenByDescending(d => d.Headroom)
            .Select(d => new Charts.Contribution(schema.DimensionName(d.Id, lang), d.Points, d.Headroom)).ToList();
        var lifts = why.Questions.Where(q => q.Points > 0).OrderByDescending(q => q.Points).Take(3).ToList();
        var html = new StringBuilder($"<section class=\"explanation\" id=\"explanation\"><h2>{T(lang, $"Varför {r.ReadinessScore}?", $"Why {r.ReadinessScore}?")}</h2>")
            .Append($"<p id=\"explanation-sum\">{T(lang,
                $"Samma företag med varje svar på lägsta nivån får <strong>{N(why.Baseline)}</strong>. Era svar lägger till <strong>{N(r.ReadinessScore - why.Baseline)}</strong> poäng, fördelade på områdena nedan: tillsammans <strong>{r.ReadinessScore}</strong>. Den ljusa delen är vad de bästa svaren i området skulle kunna lägga till.",
                $"The same company with every answer at its lowest scores <strong>{N(why.Baseline)}</strong>. Your answers add <strong>{N(r.ReadinessScore - why.Baseline)}</strong> points, shared between the areas below: <strong>{r.ReadinessScore}</strong> in all. The pale part is what the best answers in the area could still add.")}</p>")
            .Append(Charts.LiftAndHeadroom(rows, T(lang, "Vad som lyfter och vad som håller tillbaka värdet", "What lifts the score and what holds it down"),
                T(lang, "lyfter", "lifts"), T(lang, "håller tillbaka", "holds down"), T(lang, "möjliga", "open")));
        if (lifts.Count > 0)
        {
            html.Append($"<h3>{T(lang, "Det som lyfter mest", "What lifts it most")}</h3><ol id=\"lifts\">");
            foreach (var q in lifts)
                html.Append($"<li>{(schema.QuestionsById.TryGetValue(q.Id, out var question) ? E(question.Text, lang) : E(q.Id))} <span class=\"muted\">+{N(q.Points)} {T(lang, "poäng", "points")}</span></li>");
            html.Append("</ol>");
        }
        return html.Append("</section>").ToString();
    }

    /// <summary>Score, level, dimension chart, the explanation and the three gaps: shared by the SME's result page and the advisor's detail page.</summary>
    internal static string ResultSection(ScoringResult r, QuestionnaireSchema schema, string lang)
    {
        var levelText = LevelName(r.Level, lang);
        var bars = r.Dimensions.Select(d => new Charts.Bar(schema.DimensionName(d.Id, lang), d.Score,
            d.Score >= 80 ? "good" : d.Score >= 40 ? "mid" : "weak")).ToList();
        var html = new StringBuilder()
            .Append($"<section class=\"score\"><div class=\"big\" id=\"readiness-score\">{r.ReadinessScore}</div><div><div class=\"level level-{r.Level}\" id=\"readiness-level\">{levelText}</div>")
            .Append($"<p>{T(lang, "Exportmognad 0–100, enligt modellen", "Export readiness 0–100, by the model")} <span class=\"muted\">({E(r.ModelVersion)})</span></p></div></section>")
            .Append($"<section id=\"dimensions\"><h2>{T(lang, "Områden", "Dimensions")}</h2>{Charts.HorizontalBars(bars, 100, T(lang, "Poäng per område", "Score per dimension"))}</section>")
            .Append(r.Explanation is { } why ? Explanation(r, why, schema, lang) : "")
            .Append($"<section class=\"gaps\"><h2>{T(lang, "Gör detta härnäst", "What to do next")}</h2><ol id=\"gaps\">");
        foreach (var gap in r.TopGaps)
        {
            var question = schema.QuestionsById.GetValueOrDefault(gap.QuestionId);
            html.Append($"<li><strong>{(question is null ? E(gap.QuestionId) : E(question.Text, lang))}</strong><p>{E(gap.Recommendation, lang)}</p>")
                .Append($"<p class=\"muted\">{T(lang, "Möjlig effekt", "Possible effect")}: +{N(gap.Impact)} {T(lang, "poäng", "points")}</p></li>");
        }
        if (r.TopGaps.Count == 0)
            html.Append($"<li>{T(lang, "Inga luckor: varje svar är på högsta nivån. Tala med er rådgivare om nästa marknad.", "No gaps: every answer is at the top. Talk to your advisor about the next market.")}</li>");
        return html.Append("</ol></section>").ToString();
    }
}
