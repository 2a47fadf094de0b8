using System.Text;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Programmes;
using Microsoft.Extensions.Options;
using static ExportReadiness.Application.Pages.Html;

namespace ExportReadiness.Application.Pages;

/// <summary>
/// The advisor's dashboard and assessment pages, behind the advisor policy: signed in with a key on the sign-in form
/// (<see cref="AdvisorSignIn"/>, a session cookie) or, behind App Service Authentication, by the platform. Each page
/// carries the antiforgery token its forms and scripts send back (<see cref="AdvisorAntiforgery"/>).
/// </summary>
public sealed class AdvisorPages(IAssessmentStore store, IReviewStore reviews, QuestionnaireSchema schema, ProgrammeOffers programmes, CohortProgrammes cohort, FunnelReader funnel, IActionPlanStore actionPlans)
{
    public const int PageSize = 25;

    /// <summary>The sign-in form, answered with 401 wherever a page needs an advisor who has not signed in.</summary>
    public static IResult SignIn(HttpRequest request, string lang, string? error = null, int status = StatusCodes.Status401Unauthorized, bool appServiceSignIn = false) =>
        Page(request, T(lang, "Logga in", "Sign in"),
        $"<h1>{T(lang, "Rådgivare", "Advisors")}</h1>" + (error is null ? "" : $"<p class=\"form-errors\" role=\"alert\">{E(error)}</p>") +
        // Behind App Service Authentication the platform signs advisors in with Entra ID and comes back here.
        (appServiceSignIn ? $"<p><a class=\"button primary\" id=\"entra-sign-in\" href=\"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString($"/advisor?lang={lang}")}\">{T(lang, "Logga in med Microsoft", "Sign in with Microsoft")}</a></p><p class=\"muted\">{T(lang, "eller med en rådgivarnyckel:", "or with an advisor key:")}</p>" : "") +
        $"<form method=\"post\" action=\"/advisor/login?lang={lang}\">{AdvisorAntiforgery.HiddenField(request.HttpContext)}<label class=\"field\"><span>{T(lang, "API-nyckel", "API key")}</span>" +
        $"<input type=\"password\" name=\"key\" autocomplete=\"current-password\" required></label><button class=\"primary\" type=\"submit\">{T(lang, "Logga in", "Sign in")}</button></form>",
        status);

    public async Task<IResult> Dashboard(HttpRequest request, CancellationToken cancellationToken)
    {
        var lang = Language(request);
        var (query, errors) = AssessmentFilter.Parse(request.Query);
        if (errors.Count > 0) query = new AssessmentQuery();
        // The portfolio, its stage funnel and the programmes its gaps call for, from one scan.
        var gaps = new CohortGaps();
        var report = await funnel.PortfolioAsync(query, cancellationToken, a => gaps.Add(a));
        var demand = await cohort.DemandAsync(gaps, cancellationToken);
        var token = request.Query["continuationToken"].ToString();
        var page = await store.ListAsync(query, token.Length == 0 ? null : token, PageSize, cancellationToken);

        string Sector(string id) => schema.SectorName(id, lang);
        string Region(string id) => schema.RegionName(id, lang);

        var filterQuery = FilterQuery(query, lang);
        var body = new StringBuilder()
            .Append($"<h1>{T(lang, "Portfölj", "Portfolio")}{(query.Programme is null ? "" : " · " + E(query.Programme))}</h1>")
            .Append(Filters(query, schema, lang))
            .Append($"<p class=\"no-print\"><a id=\"csv-export\" href=\"/api/reports/portfolio.csv?{filterQuery}\">{T(lang, "Exportera CSV", "Export CSV")}</a> · ")
            .Append($"<a href=\"/api/batches/template.csv\">{T(lang, "Mall för batchuppladdning", "Batch upload template")}</a> · ")
            .Append($"<a id=\"destination-report\" href=\"/advisor/reports/destination?{filterQuery}\">{T(lang, "Destinationsrapport", "Destination report")}</a> · ")
            .Append($"<a id=\"model-card\" href=\"/advisor/model?lang={lang}\">{T(lang, "Modellkort", "Model card")}</a></p>")
            .Append("<div class=\"grid\">")
            .Append(Card(T(lang, "Screeningtratt", "Screening funnel"), Charts.Columns(
            [
                new(T(lang, "Inskickade", "Submitted"), report.Funnel.Submitted), new(T(lang, "Bedömda", "Scored"), report.Funnel.Scored),
                new(T(lang, "Granskade", "Reviewed"), report.Funnel.Reviewed), new(T(lang, "Exportredo", "Confirmed"), report.Funnel.ConfirmedExportReady, "good"),
            ], T(lang, "Screeningtratt", "Screening funnel")), "funnel"))
            .Append(Card(T(lang, "Nivåer", "Levels"), Charts.Columns(report.Levels.Select(l => new Charts.Bar(SmePages.LevelName(l.Level, lang), l.Count)).ToList(), T(lang, "Antal per nivå", "Count per level")), "levels"))
            .Append(Card(T(lang, "Poängfördelning", "Score distribution"), Charts.Columns(
                report.ScoreDistribution.Select((c, i) => new Charts.Bar($"{i * PortfolioReport.BucketWidth}–", c)).ToList(), T(lang, "Poängfördelning", "Score distribution")), "distribution"))
            .Append(Card(T(lang, "Modell och rådgivare", "Model and advisors"), Agreement(report.Agreement, lang), "agreement"))
            .Append(Card(T(lang, "Produkter över tid", "Products over time"), Progress(report.Progress, lang), "progress"))
            .Append("</div>")
            .Append(Card(T(lang, "Genomsnitt per område", "Average per dimension"), Charts.HorizontalBars(
                schema.Dimensions.Select(d => new Charts.Bar(d.Name.In(lang), report.Dimensions.FirstOrDefault(x => x.Id == d.Id)?.Average ?? 0)).ToList(),
                100, T(lang, "Genomsnitt per område", "Average per dimension")), "dimensions"))
            .Append(Card(T(lang, "Per bransch", "By sector"), Breakdown(report.BySector, Sector, T(lang, "Snittpoäng per bransch", "Average score per sector"), lang), "by-sector"))
            .Append(Card(T(lang, "Per län", "By region"), Breakdown(report.ByRegion, Region, T(lang, "Snittpoäng per län", "Average score per region"), lang), "by-region"))
            .Append(FunnelSections.Dashboard(report.Stages!, funnel.Stages, filterQuery, lang))
            .Append(ProgrammeSections.Demand(demand, schema, lang))
            .Append($"<h2>{T(lang, "Bedömningar", "Assessments")}</h2>")
            .Append(AssessmentTable(page.Items, Sector, Region, lang));
        if (page.ContinuationToken is not null)
            body.Append($"<p><a id=\"next-page\" href=\"/advisor?{filterQuery}&continuationToken={Uri.EscapeDataString(page.ContinuationToken)}\">{T(lang, "Nästa sida →", "Next page →")}</a></p>");
        body.Append($"<form method=\"post\" action=\"/advisor/logout?lang={lang}\" class=\"no-print\">{AdvisorAntiforgery.HiddenField(request.HttpContext)}<button type=\"submit\">{T(lang, "Logga ut", "Sign out")}</button></form>");
        return Page(request, T(lang, "Portfölj", "Portfolio"), body.ToString(), head: AdvisorAntiforgery.Meta(request.HttpContext), script: "advisor.js");
    }

    public async Task<IResult> Detail(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        var lang = Language(request);
        var assessment = await store.FindAsync(id, cancellationToken);
        if (assessment is null) return Page(request, T(lang, "Hittades inte", "Not found"), $"<h1>{T(lang, "Bedömningen finns inte", "No such assessment")}</h1>", StatusCodes.Status404NotFound);
        var current = await reviews.GetAsync(id, cancellationToken);
        var history = await reviews.HistoryAsync(id, cancellationToken);
        var c = assessment.Company;
        // Never empty: the product index row may lag the assessment row it was written after.
        var productHistory = await store.ProductHistoryAsync(assessment.ProductId, cancellationToken) is { Count: > 0 } h ? h : [assessment];
        var plan = await actionPlans.ListAsync(assessment.ProductId, cancellationToken);

        var body = new StringBuilder()
            .Append($"<p class=\"no-print\"><a href=\"/advisor?lang={lang}&programme={Uri.EscapeDataString(assessment.Programme)}\">← {T(lang, "Portföljen", "Portfolio")}</a></p>")
            .Append($"<h1 id=\"product-name\">{E(assessment.Product.Name)}</h1>")
            .Append($"<p class=\"lead\" id=\"company-name\">{E(c.Name)}</p>")
            .Append($"<table class=\"facts\"><tr><th>{T(lang, "Program", "Programme")}</th><td>{E(assessment.Programme)}</td><th>{T(lang, "Bransch", "Sector")}</th><td>{E(schema.SectorName(c.Sector, lang))}</td></tr>")
            .Append($"<tr><th>{T(lang, "Län", "Region")}</th><td>{E(schema.RegionName(c.Region, lang))}</td><th>{T(lang, "Anställda", "Employees")}</th><td>{c.Employees}</td></tr>")
            .Append($"<tr><th>{T(lang, "Omsättning", "Turnover")}</th><td>{N(c.TurnoverSek, "#,0")} SEK</td><th>{T(lang, "Exportandel", "Export share")}</th><td>{N(c.ExportSharePercent)} %</td></tr>")
            .Append($"<tr><th>{T(lang, "Status", "Status")}</th><td>{StatusName(assessment.Status, lang)}</td><th>{T(lang, "Inskickad", "Submitted")}</th><td>{assessment.SubmittedAt:yyyy-MM-dd HH:mm}</td></tr></table>")
            .Append(assessment.Result is { } r ? SmePages.ResultSection(r, schema, lang) : $"<p class=\"status\">{StatusName(assessment.Status, lang)}</p>")
            .Append(ProductHistorySection(assessment, productHistory, plan, lang))
            .Append(FunnelSections.StagePanel(assessment.ProductId, await funnel.TimelineAsync(productHistory, cancellationToken), funnel.Stages, funnel.Today, funnel.LatestMoveDate, lang))
            // The SME's forms, posted by advisor.js to the API under the same paths (with the session's antiforgery header).
            .Append(assessment.Result is null ? "" : ActionPlanSections.Section(plan, ActionGaps.Of(assessment, schema), schema, lang,
                ActionPlanSections.Forms.ForAdvisor(assessment.Id), funnel.Today))
            .Append(await programmes.MatchAsync(assessment, cancellationToken) is { } matches ? ProgrammeSections.ForProduct(matches, lang) : "")
            .Append(ReviewPanel(assessment, current, history, lang))
            .Append($"<h2>{T(lang, "Svar", "Answers")}</h2><table id=\"answers\"><tr><th>{T(lang, "Fråga", "Question")}</th><th>{T(lang, "Svar", "Answer")}</th><th>{T(lang, "Poäng", "Points")}</th></tr>");
        foreach (var q in schema.Questions.Where(q => q.AppliesToSector(c.Sector)))
        {
            var answer = assessment.Answers.GetValueOrDefault(q.Id);
            var shown = answer is null ? "—" : q.Type == QuestionType.Choice ? (q.Options!.FirstOrDefault(o => o.Value == answer.Choice) is { } option ? E(option.Label, lang) : E(answer.Choice))
                : q.Type == QuestionType.YesNo ? T(lang, answer.YesNo == true ? "Ja" : "Nej", answer.YesNo == true ? "Yes" : "No") : E(answer.ToString());
            body.Append($"<tr><td>{E(q.Text, lang)}</td><td>{shown}</td><td>{q.Evaluate(answer).Points} / {q.MaxPoints}</td></tr>");
        }
        body.Append("</table>");
        return Page(request, assessment.Product.Name, body.ToString(), head: AdvisorAntiforgery.Meta(request.HttpContext), script: "advisor.js");
    }

    /// <summary>
    /// Every assessment of the product, this one marked, each linked, and what changed since the one before this: an
    /// advisor follows a product through all its re-assessments from any of them.
    /// </summary>
    private string ProductHistorySection(Assessment assessment, IReadOnlyList<Assessment> history, IReadOnlyList<PlannedAction> plan, string lang)
    {
        if (history.Count < 2) return "";
        var html = new StringBuilder($"<section class=\"card\" id=\"product-history\"><h2>{T(lang, "Produktens historik", "The product's history")}</h2>")
            .Append($"<table><tr><th>{T(lang, "Inskickad", "Submitted")}</th><th>{T(lang, "Status", "Status")}</th><th>{T(lang, "Värde", "Score")}</th><th>{T(lang, "Nivå", "Level")}</th></tr>");
        foreach (var a in history)
        {
            var when = $"{a.SubmittedAt:yyyy-MM-dd HH:mm}";
            var cell = a.Id == assessment.Id ? $"<strong>{when}</strong>" : $"<a href=\"/advisor/assessments/{Uri.EscapeDataString(a.Id)}?lang={lang}\">{when}</a>";
            html.Append($"<tr data-assessment=\"{E(a.Id)}\"><td>{cell}</td><td>{StatusName(a.Status, lang)}</td><td>{(a.Result is { } r ? r.ReadinessScore.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—")}</td><td>{(a.Result is { } s ? SmePages.LevelName(s.Level, lang) : "—")}</td></tr>");
        }
        html.Append("</table>");
        if (assessment.Result is { } now)
        {
            var earlier = history.Before(assessment);
            html.Append(SmePages.ChangeSection(earlier, now, schema, lang, ActionPlan.DoneSince(plan, earlier.LastScored(), assessment, schema)));
        }
        return html.Append("</section>").ToString();
    }

    private static string ReviewPanel(Assessment assessment, Review? current, IReadOnlyList<Review> history, string lang)
    {
        var html = new StringBuilder($"<section class=\"review card\" id=\"review\"><h2>{T(lang, "Rådgivarens bedömning", "Advisor's verdict")}</h2>");
        if (current is not null)
        {
            html.Append($"<p id=\"current-verdict\"><strong>{VerdictName(current.Verdict, lang)}</strong> — {E(current.Advisor)}, {current.ReviewedAt:yyyy-MM-dd HH:mm}</p><p>{E(current.Note)}</p>");
            if (current.MessageToSme.Length > 0)
                html.Append($"<p id=\"current-message\"><strong>{T(lang, "Till företaget", "To the company")}:</strong> <span class=\"message-text\">{E(current.MessageToSme)}</span></p>");
        }
        if (assessment.Result is { } r && current is not null)
        {
            var agrees = (r.Level >= ReadinessLevel.Ready) == (current.Verdict == Verdict.ExportReady);
            html.Append($"<p class=\"muted\">{(agrees ? T(lang, "Rådgivaren och modellen är överens.", "The advisor agrees with the model.") : T(lang, "Rådgivaren gör en annan bedömning än modellen.", "The advisor's verdict differs from the model's."))}</p>");
        }
        html.Append($"<form id=\"review-form\" class=\"no-print\" data-assessment-id=\"{E(assessment.Id)}\" data-version=\"{E(current?.ConcurrencyToken)}\" data-lang=\"{lang}\">")
            .Append($"<label class=\"option\"><input type=\"radio\" name=\"verdict\" value=\"ExportReady\"> {VerdictName(Verdict.ExportReady, lang)}</label>")
            .Append($"<label class=\"option\"><input type=\"radio\" name=\"verdict\" value=\"NotYet\"> {VerdictName(Verdict.NotYet, lang)}</label>")
            .Append($"<label class=\"field\"><span>{T(lang, "Intern anteckning (bara för rådgivare)", "Internal note (advisors only)")}</span><textarea name=\"note\" maxlength=\"{Reviews.ReviewHandlers.MaxNoteLength}\" rows=\"3\"></textarea></label>")
            // Starts from the message in force: saving a new verdict keeps what the company reads unless the advisor changes it.
            .Append($"<label class=\"field\"><span>{T(lang, "Meddelande till företaget (visas på dess resultatsida)", "Message to the company (shown on its result page)")}</span><textarea name=\"messageToSme\" maxlength=\"{Reviews.ReviewHandlers.MaxMessageLength}\" rows=\"3\">{E(current?.MessageToSme)}</textarea></label>")
            .Append($"<button type=\"submit\" class=\"primary\">{T(lang, "Spara bedömning", "Save verdict")}</button><p id=\"review-message\" role=\"status\"></p></form>");
        if (history.Count > 0)
        {
            html.Append($"<h3>{T(lang, "Historik", "History")}</h3><ul id=\"review-history\">");
            foreach (var h in history)
                html.Append($"<li>{h.ReviewedAt:yyyy-MM-dd HH:mm} · {E(h.Advisor)}: {VerdictName(h.Verdict, lang)}{(h.PreviousVerdict is { } p ? $" ({T(lang, "tidigare", "was")} {VerdictName(p, lang)})" : "")} — {E(h.Note)}{(h.MessageToSme.Length > 0 ? $" · {T(lang, "till företaget", "to the company")}: {E(h.MessageToSme)}" : "")}</li>");
            html.Append("</ul>");
        }
        return html.Append("</section>").ToString();
    }

    private static string VerdictName(Verdict verdict, string lang) =>
        verdict == Verdict.ExportReady ? T(lang, "Exportredo", "Export ready") : T(lang, "Inte än", "Not yet");

    private static string StatusName(AssessmentStatus status, string lang) => status switch
    {
        AssessmentStatus.Pending => T(lang, "Väntar på bedömning", "Pending"),
        AssessmentStatus.Failed => T(lang, "Misslyckades", "Failed"),
        _ => T(lang, "Bedömd", "Scored"),
    };

    private static string Card(string title, string content, string id) => $"<section class=\"card\" id=\"{id}\"><h3>{E(title)}</h3>{content}</section>";

    private static string Agreement(Agreement a, string lang) =>
        $"<p>{T(lang, "Jämförda", "Compared")}: <strong>{a.Compared}</strong> · {T(lang, "Överens", "Agreement")}: <strong>{(a.Rate is { } rate ? N(rate * 100, "0") + " %" : "—")}</strong></p>" +
        $"<table><tr><td>{T(lang, "Båda redo", "Both ready")}</td><td>{a.BothReady}</td></tr><tr><td>{T(lang, "Båda inte redo", "Both not ready")}</td><td>{a.BothNotReady}</td></tr>" +
        $"<tr><td>{T(lang, "Modellen redo, rådgivaren inte", "Model ready, advisor not")}</td><td>{a.ModelReadyAdvisorNot}</td></tr>" +
        $"<tr><td>{T(lang, "Rådgivaren redo, modellen inte", "Advisor ready, model not")}</td><td>{a.AdvisorReadyModelNot}</td></tr></table>";

    private static string Progress(ProductProgress p, string lang) =>
        $"<p>{T(lang, "Produkter", "Products")}: <strong>{p.Products}</strong> · {T(lang, "bedömda mer än en gång", "scored more than once")}: <strong>{p.Reassessed}</strong></p>" +
        $"<table><tr><td>{T(lang, "Förbättrade", "Improved")}</td><td>{p.Improved}</td></tr><tr><td>{T(lang, "Oförändrade", "Unchanged")}</td><td>{p.Unchanged}</td></tr>" +
        $"<tr><td>{T(lang, "Försämrade", "Declined")}</td><td>{p.Declined}</td></tr>" +
        $"<tr><td>{T(lang, "Genomsnittlig förändring (första → senaste)", "Average change (first → latest)")}</td><td>{(p.AverageChange is { } c ? (c > 0 ? "+" : "") + N(c) : "—")}</td></tr></table>";

    /// <summary>The average score per group as bars (with the group's count), then the numbers as a table.</summary>
    private static string Breakdown(IReadOnlyList<Breakdown> rows, Func<string, string> name, string title, string lang) =>
        Charts.HorizontalBars(rows.Select(r => new Charts.Bar($"{name(r.Key)} ({r.Submitted})", r.AverageScore ?? 0)).ToList(), 100, title)
        + BreakdownTable(rows, name, lang);

    private static string BreakdownTable(IReadOnlyList<Breakdown> rows, Func<string, string> name, string lang) =>
        $"<table><tr><th>&nbsp;</th><th>{T(lang, "Antal", "Count")}</th><th>{T(lang, "Snitt", "Average")}</th><th>{T(lang, "Redo+", "Ready+")}</th><th>{T(lang, "Bekräftade", "Confirmed")}</th></tr>" +
        string.Concat(rows.Select(r => $"<tr><td>{E(name(r.Key))}</td><td>{r.Submitted}</td><td>{(r.AverageScore is { } avg ? N(avg) : "—")}</td><td>{r.ReadyOrBetter}</td><td>{r.ConfirmedExportReady}</td></tr>")) + "</table>";

    private static string AssessmentTable(IReadOnlyList<Assessment> items, Func<string, string> sector, Func<string, string> region, string lang)
    {
        var html = new StringBuilder($"<table id=\"assessments\" class=\"sortable\"><thead><tr><th data-sort=\"text\">{T(lang, "Företag", "Company")}</th><th data-sort=\"text\">{T(lang, "Produkt", "Product")}</th>")
            .Append($"<th data-sort=\"text\">{T(lang, "Bransch", "Sector")}</th><th data-sort=\"text\">{T(lang, "Län", "Region")}</th><th data-sort=\"number\">{T(lang, "Poäng", "Score")}</th>")
            .Append($"<th data-sort=\"text\">{T(lang, "Nivå", "Level")}</th><th data-sort=\"text\">{T(lang, "Bedömning", "Verdict")}</th><th data-sort=\"text\">{T(lang, "Inskickad", "Submitted")}</th></tr></thead><tbody>");
        foreach (var a in items)
            html.Append($"<tr><td><a href=\"/advisor/assessments/{Uri.EscapeDataString(a.Id)}?lang={lang}\">{E(a.Company.Name)}</a></td><td>{E(a.Product.Name)}</td>")
                .Append($"<td>{E(sector(a.Company.Sector))}</td><td>{E(region(a.Company.Region))}</td><td>{a.Result?.ReadinessScore.ToString() ?? "—"}</td>")
                .Append($"<td>{(a.Result is { } result ? SmePages.LevelName(result.Level, lang) : StatusName(a.Status, lang))}</td><td>{(a.Review is { } review ? VerdictName(review.Verdict, lang) : "—")}</td><td>{a.SubmittedAt:yyyy-MM-dd}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static string Filters(AssessmentQuery q, QuestionnaireSchema schema, string lang)
    {
        string Options(IEnumerable<(string Id, string Name)> options, string? selected) => SelectOptions(options, selected, lang);
        return $"<form class=\"filters no-print\" method=\"get\" action=\"/advisor\"><input type=\"hidden\" name=\"lang\" value=\"{lang}\">" +
               $"<label>{T(lang, "Program", "Programme")}<input type=\"text\" name=\"programme\" value=\"{E(q.Programme)}\"></label>" +
               $"<label>{T(lang, "Bransch", "Sector")}<select name=\"sector\">{Options(schema.Sectors.Select(s => (s.Id, s.Name.In(lang))), q.Sector)}</select></label>" +
               $"<label>{T(lang, "Län", "Region")}<select name=\"region\">{Options(schema.Regions.Select(r => (r.Id, r.Name.In(lang))), q.Region)}</select></label>" +
               $"<label>{T(lang, "Nivå", "Level")}<select name=\"level\">{Options(Enum.GetValues<ReadinessLevel>().Select(l => (l.ToString(), SmePages.LevelName(l, lang))), q.Level?.ToString())}</select></label>" +
               $"<button type=\"submit\">{T(lang, "Filtrera", "Filter")}</button></form>";
    }

    private static string FilterQuery(AssessmentQuery q, string lang)
    {
        var parts = new List<string> { $"lang={lang}" };
        void Add(string name, string? value) { if (value is not null) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("programme", q.Programme);
        Add("sector", q.Sector);
        Add("region", q.Region);
        Add("level", q.Level?.ToString());
        return string.Join("&", parts);
    }
}
