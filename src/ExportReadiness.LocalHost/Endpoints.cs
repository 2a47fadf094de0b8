using ExportReadiness.Application;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Assets;
using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Health;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Learning;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Application.Questionnaire;
using ExportReadiness.Application.Reports;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Application.Reviews;
using ExportReadiness.Application.Validation;

namespace ExportReadiness.LocalHost;

/// <summary>
/// The local host's bindings of the application's HTTP handlers: the same routes as the Function App's
/// <c>[Function]</c>s (a test compares them), grouped by who may call them. Access is declared once per group.
/// </summary>
public static class Endpoints
{
    public static IEndpointRouteBuilder MapExportReadiness(this IEndpointRouteBuilder app)
    {
        var route = Routes.Local;

        // Anyone: the SME's pages and API (an assessment answers only its token's holder or an advisor).
        var open = app.MapGroup("");
        // Open writes: limited per client (AnonymousWriteLimit), as the Function App's [AnonymousWrite] functions are.
        var writes = app.MapGroup("").WithMetadata(new AnonymousWriteAttribute()).AddEndpointFilter(LimitAnonymousWrites);
        open.MapGet(route(Routes.Form), (HttpRequest r, SmePages p) => p.Form(r)).ExcludeFromDescription();
        open.MapGet(route(Routes.Result), (string id, HttpContext c, SmePages p, CancellationToken ct) => p.Result(id, c, ct)).ExcludeFromDescription();
        open.MapPost(route(Routes.ResultOpen), (string id, HttpContext c, SmePages p, CancellationToken ct) => p.Open(id, c, ct)).ExcludeFromDescription();
        open.MapGet(route(Routes.Reassess), (string id, HttpContext c, SmePages p, CancellationToken ct) => p.Reassess(id, c, ct)).ExcludeFromDescription();
        open.MapGet(route(Routes.Asset), (string name, HttpRequest r, AssetHandler h) => h.Get(name, r)).ExcludeFromDescription();
        // The sign-in handlers check their forms' antiforgery tokens themselves (the Function App has no filters).
        open.MapGet(route(Routes.AdvisorSignIn), (HttpRequest r, AdvisorSignIn s) => s.Form(r)).ExcludeFromDescription();
        open.MapPost(route(Routes.AdvisorSignIn), (HttpContext c, AdvisorSignIn s) => s.SignIn(c)).ExcludeFromDescription();
        open.MapPost(route(Routes.AdvisorSignOut), (HttpContext c, AdvisorSignIn s) => s.SignOut(c)).ExcludeFromDescription();
        open.MapGet(route(Routes.Questionnaire), (QuestionnaireHandler h) => h.Get()).WithTags("Questionnaire")
            .WithSummary("The current questionnaire: dimensions, questions with options and points, sectors and regions, in Swedish and English.");
        open.MapGet(route(Routes.Health), (HealthHandler h, CancellationToken ct) => h.Check(ct)).WithTags("Health")
            .WithSummary("Readiness: storage reachable and the model version in use (503 while storage is unreachable).");
        open.MapGet(route(Routes.Liveness), (HealthHandler h) => h.Live()).WithTags("Health")
            .WithSummary("Liveness: the process answers. Never touches storage.");
        writes.MapPost(route(Routes.Assessments), (HttpRequest r, AssessmentHandlers h, CancellationToken ct) => h.Submit(r, ct)).WithTags("Assessments")
            .Accepts<object>("application/json").WithSummary("Submit a product self-assessment; it is scored asynchronously.");
        open.MapGet(route(Routes.Assessment), (string id, HttpContext c, AssessmentHandlers h, CancellationToken ct) => h.Get(id, c, ct)).WithTags("Assessments")
            .WithSummary("An assessment's status and, once scored, its result and best-matching support programmes. Needs the SME's access token or an advisor key.");
        open.MapGet(route(Routes.AssessmentExport), (string id, HttpContext c, PrivacyHandlers h, CancellationToken ct) => h.Export(id, c, ct)).WithTags("Privacy")
            .WithSummary("Everything stored about the assessment's product, as one JSON attachment. Needs the SME's access token or an advisor.");
        writes.MapDelete(route(Routes.AssessmentProduct), (string id, HttpContext c, PrivacyHandlers h, CancellationToken ct) => h.EraseBySme(id, c, ct)).WithTags("Privacy")
            .WithSummary("Erase the assessment's product (every assessment, review, stage move, action, raw submission and index row) with its SME's token; a replay answers the same record.");
        open.MapGet(route(Routes.ResultExport), (string id, HttpContext c, PrivacyPages p, CancellationToken ct) => p.Download(id, c, ct)).ExcludeFromDescription();
        open.MapGet(route(Routes.ResultErase), (string id, HttpContext c, PrivacyPages p, CancellationToken ct) => p.ConfirmErase(id, c, ct)).ExcludeFromDescription();
        writes.MapPost(route(Routes.ResultErase), (string id, HttpContext c, PrivacyPages p, CancellationToken ct) => p.Erase(id, c, ct)).ExcludeFromDescription();
        open.MapGet(route(Routes.ActionPlan), (string id, HttpContext c, ActionPlanHandlers h, CancellationToken ct) => h.Get(id, c, ct)).WithTags("Action plans")
            .WithSummary("The product's action plan and the assessment's gaps to pick actions from. Needs the SME's access token or an advisor.");
        writes.MapPost(route(Routes.ActionPlan), (string id, HttpContext c, ActionPlanHandlers h, CancellationToken ct) => h.Post(id, c, ct)).WithTags("Action plans")
            .Accepts<object>("application/json").WithSummary("Add an action from one of the gaps ({gap, title?, owner, dueDate, status?, id?}); a retried add returns the action already planned.");
        writes.MapPut(route(Routes.PlannedAction), (string id, string actionId, HttpContext c, ActionPlanHandlers h, CancellationToken ct) => h.Put(id, actionId, c, ct)).WithTags("Action plans")
            .Accepts<object>("application/json").WithSummary("Change an action ({title?, owner?, dueDate?, status}); If-Match the version you read (412 if stale).");
        // The result page's forms: under the page, so its token cookie comes along; each checks the page's antiforgery token.
        writes.MapPost(route(Routes.ResultActions), (string id, HttpContext c, ActionPlanForms f, CancellationToken ct) => f.Add(id, c, ct)).ExcludeFromDescription();
        writes.MapPost(route(Routes.ResultAction), (string id, string actionId, HttpContext c, ActionPlanForms f, CancellationToken ct) => f.Change(id, actionId, c, ct)).ExcludeFromDescription();
        open.MapGet(route(Routes.Programmes), (ProgrammeHandlers h, CancellationToken ct) => h.Catalogue(ct)).WithTags("Programmes")
            .WithSummary("The support-programme catalogue in use (bundled, merged with the advisors' extension), in the shape an extension is written in.");

        // Advisors only; a state change signed in by a cookie also needs the page's antiforgery token.
        var pages = app.MapGroup("").RequireAuthorization(AdvisorAuthentication.Policy).AddEndpointFilter(Antiforgery).ExcludeFromDescription();
        pages.MapGet(route(Routes.AdvisorDashboard), (HttpRequest r, AdvisorPages p, CancellationToken ct) => p.Dashboard(r, ct));
        pages.MapGet(route(Routes.AdvisorAssessment), (string id, HttpRequest r, AdvisorPages p, CancellationToken ct) => p.Detail(id, r, ct));
        pages.MapGet(route(Routes.AdvisorDestinationReport), (HttpRequest r, DestinationReportPage p, CancellationToken ct) => p.Show(r, ct));
        pages.MapGet(route(Routes.AdvisorModelCard), (HttpRequest r, ModelCardPage p, CancellationToken ct) => p.Show(r, ct));

        var api = app.MapGroup("").RequireAuthorization(AdvisorAuthentication.Policy).AddEndpointFilter(Antiforgery);
        api.MapGet(route(Routes.Assessments), (HttpRequest r, AssessmentHandlers h, CancellationToken ct) => h.List(r, ct)).WithTags("Assessments")
            .WithSummary("Advisors: a page of assessments, filtered by programme, level, sector, region, status, verdict.");
        api.MapGet(route(Routes.Product), (string productId, HttpRequest r, AssessmentHandlers h, CancellationToken ct) => h.Product(productId, r, ct)).WithTags("Assessments")
            .WithSummary("Advisors: every assessment of one product (its first assessment's id), oldest first, with date, score, level and dimension scores.");
        api.MapGet(route(Routes.ProductAccessLog), (string productId, AccessLogHandlers h, CancellationToken ct) => h.Get(productId, ct)).WithTags("Privacy")
            .WithSummary("Who read or changed a product, newest first");
        api.MapDelete(route(Routes.Product), (string productId, HttpContext c, PrivacyHandlers h, CancellationToken ct) => h.EraseProduct(productId, c, ct)).WithTags("Privacy")
            .WithSummary("Advisors: erase one product on the company's request; the erasure record names the advisor. A replay answers the same record.");
        api.MapPost(route(Routes.Erasures), (HttpContext c, PrivacyHandlers h, CancellationToken ct) => h.EraseCompany(c, ct)).WithTags("Privacy")
            .Accepts<object>("application/json").WithSummary("Advisors: erase every product of a company ({companyName}, matched exactly, trimmed, case-insensitive). Scans the assessments.");
        api.MapPost(route(Routes.ProductStages), (string productId, HttpContext c, StageHandlers h, CancellationToken ct) => h.Move(productId, c, ct)).WithTags("Funnel")
            .Accepts<object>("application/json").WithSummary("Move a product to a funnel stage ({stage, date, note?}) as the signed-in advisor; 201, or 200 when that stage and date were recorded already.");
        api.MapGet(route(Routes.Review), (string id, HttpContext c, ReviewHandlers h, CancellationToken ct) => h.Get(id, c, ct)).WithTags("Reviews")
            .WithSummary("The current review (version in ETag) and its history.");
        api.MapPut(route(Routes.Review), (string id, HttpContext c, ReviewHandlers h, CancellationToken ct) => h.Put(id, c, ct)).WithTags("Reviews")
            .WithSummary("Record the signed-in advisor's verdict (ExportReady / NotYet) with a note; If-Match the version you read.");
        api.MapGet(route(Routes.BatchTemplate), (BatchHandlers h) => h.Template()).WithTags("Batches")
            .WithSummary("An empty CSV with the columns a batch file must have.");
        api.MapPost(route(Routes.Batches), (HttpRequest r, BatchHandlers h, CancellationToken ct) => h.Upload(r, ct)).WithTags("Batches")
            .Accepts<string>(CsvUpload.Csv, CsvUpload.ExcelCsv, CsvUpload.Form).WithSummary("Upload a CSV of questionnaires (text/csv body, or multipart with a file).");
        api.MapGet(route(Routes.Batch), (string id, HttpRequest r, BatchHandlers h, CancellationToken ct) => h.Get(id, r, ct)).WithTags("Batches")
            .WithSummary("Accepted, scored and rejected counts, and why each rejected line was rejected (the first 1,000).");
        api.MapGet(route(Routes.BatchRejections), (string id, HttpRequest r, BatchHandlers h, CancellationToken ct) => h.RejectedCsv(id, r, ct)).WithTags("Batches")
            .WithSummary("Every rejected line and its reason, as CSV.");
        api.MapGet(route(Routes.Portfolio), (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.Portfolio(r, ct)).WithTags("Reports")
            .WithSummary("Counts per level, the screening funnel, score distribution, dimension averages, sector and region breakdowns, model–advisor agreement.");
        api.MapGet(route(Routes.PortfolioCsv), (HttpContext c, ReportHandlers h, CancellationToken ct) => h.PortfolioCsv(c, ct)).WithTags("Reports")
            .WithSummary("One row per assessment (UTF-8 with BOM for Excel), with the same filters as the list.");
        api.MapGet(route(Routes.Funnel), (HttpRequest r, StageHandlers h, CancellationToken ct) => h.Report(r, ct)).WithTags("Funnel")
            .WithSummary("The stage funnel per programme and cohort (intake year): products reaching each stage, conversion, median and mean days per stage.");
        api.MapGet(route(Routes.FunnelCsv), (HttpContext c, StageHandlers h, CancellationToken ct) => h.Csv(c, ct)).WithTags("Funnel")
            .WithSummary("One row per product: programme, cohort, current stage, the date it entered and the days it spent in each stage (UTF-8 with BOM).");
        api.MapGet(route(Routes.ActionsCsv), (HttpContext c, ReportHandlers h, CancellationToken ct) => h.ActionsCsv(c, ct)).WithTags("Reports")
            .WithSummary("Every product's action plan, one row per action (UTF-8 with BOM): product, company, programme, gap, dimension, owner, due date, status, done at.");
        api.MapPost(route(Routes.Validation), (HttpRequest r, ValidationHandler h, CancellationToken ct) => h.Validate(r, ct)).WithTags("Validation")
            .Accepts<string>(CsvUpload.Csv, CsvUpload.ExcelCsv, CsvUpload.Form).WithSummary("Check the model in use against known outcomes: a batch CSV with an outcome column, or a World Bank Enterprise Survey export (?format=batch|wbes).");
        api.MapPost(route(Routes.Rescore), (HttpRequest r, RescoreHandlers h) => h.Start(r)).WithTags("Model runs")
            .WithSummary("Start a retrain + re-score run now; 409 if one is running.");
        api.MapGet(route(Routes.RescoreRuns), (RescoreHandlers h, CancellationToken ct) => h.Recent(ct)).WithTags("Model runs")
            .WithSummary("The most recent runs, newest first, with the model decision and counts.");
        api.MapGet(route(Routes.RescoreRun), (string id, HttpRequest r, RescoreHandlers h, CancellationToken ct) => h.Get(id, r, ct)).WithTags("Model runs")
            .WithSummary("One run.");
        api.MapGet(route(Routes.OutcomeSets), (OutcomeSetHandlers h, CancellationToken ct) => h.List(ct)).WithTags("Learning")
            .WithSummary("The outcome files kept as training labels, newest first: name, source, the outcome's definition, its date, rows and export-ready rows.");
        api.MapPost(route(Routes.OutcomeSets), (HttpContext c, OutcomeSetHandlers h, CancellationToken ct) => h.Add(c, ct)).WithTags("Learning")
            .Accepts<string>(CsvUpload.Csv, CsvUpload.ExcelCsv, CsvUpload.Form)
            .WithSummary("Keep an outcome file (the validation formats) as training labels, with name, source, definition, date (yyyy-MM-dd) and format (auto|batch|wbes) as query or form fields; 201, or 200 with the set already kept for the same file.");
        api.MapGet(route(Routes.OutcomeSet), (string id, HttpRequest r, OutcomeSetHandlers h, CancellationToken ct) => h.Get(id, r, ct)).WithTags("Learning")
            .WithSummary("One kept outcome set, with its first rejected lines.");
        api.MapDelete(route(Routes.OutcomeSet), (string id, HttpContext c, OutcomeSetHandlers h, CancellationToken ct) => h.Remove(id, c, ct)).WithTags("Learning")
            .WithSummary("Stop training on an outcome set: 204, or 404 when there is no such set. The next nightly run learns without it.");
        api.MapGet(route(Routes.ModelCard), (HttpRequest r, ModelCardHandlers h, CancellationToken ct) => h.Get(r, ct)).WithTags("Learning")
            .WithSummary("The model card: what the model in use learned from, real-row figures with intervals beside the prior's and the rubric's, the weights that moved most, monotonicity, reliability, drift and the runs.");
        api.MapGet(route(Routes.ProgrammeExtension), (ProgrammeHandlers h, CancellationToken ct) => h.Extension(ct)).WithTags("Programmes")
            .WithSummary("The advisors' extension of the programme catalogue, as last written.");
        api.MapPut(route(Routes.ProgrammeExtension), (HttpContext c, ProgrammeHandlers h, CancellationToken ct) => h.PutExtension(c, ct)).WithTags("Programmes")
            .Accepts<object>("application/json").WithSummary("Replace the extension (add, correct or withdraw programmes); a 400 names every bad entry and field, and nothing is saved.");
        api.MapGet(route(Routes.ProgrammeDemand), (HttpRequest r, ProgrammeHandlers h, CancellationToken ct) => h.Demand(r, ct)).WithTags("Reports")
            .WithSummary("Which programmes the gaps of the filtered assessments call for most (the first 1,000 scored), with the same filters as the list.");
        api.MapGet(route(Routes.DestinationReport), (HttpRequest r, DestinationReportHandlers h, CancellationToken ct) => h.Report(r, ct)).WithTags("Reports")
            .WithSummary("A destination or programme (programme, sector, region, asOf): VisitSweden's criteria criterion by criterion, the gaps its products share with joint-action hints, dimension averages; compare… parameters add a second group and the differences.");
        api.MapGet(route(Routes.DestinationReportCsv), (HttpContext c, DestinationReportHandlers h, CancellationToken ct) => h.Csv(c, ct)).WithTags("Reports")
            .WithSummary("The destination report as CSV (UTF-8 with BOM): a row per criterion, gap and dimension, a column per group, then the difference.");
        return app;
    }

    /// <summary>Before the handler reads the body: <see cref="AnonymousWriteLimit.Refusal"/>, as the Function App's <c>AnonymousWriteLimitMiddleware</c>.</summary>
    private static async ValueTask<object?> LimitAnonymousWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<AnonymousWriteLimit>().Refusal(context.HttpContext) ?? await next(context);

    /// <summary>After authorization, as the Function App's authorization middleware does: <see cref="AdvisorAntiforgery.CheckAsync"/>.</summary>
    private static async ValueTask<object?> Antiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await context.HttpContext.RequestServices.GetRequiredService<AdvisorAntiforgery>().CheckAsync(context.HttpContext) ?? await next(context);
}
