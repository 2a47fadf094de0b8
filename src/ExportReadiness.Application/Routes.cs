namespace ExportReadiness.Application;

/// <summary>
/// Every HTTP operation's route, without a leading slash: the Function App's trigger attributes and the local
/// host's <c>Map…</c> calls both take them from here (host.json sets an empty route prefix), and a test checks
/// that the two hosts expose the same set.
/// </summary>
public static class Routes
{
    /// <summary>
    /// The root path. The Functions host turns an empty route into the function's name, so the root is written as
    /// an optional segment that must be empty: <c>/</c> in both hosts.
    /// </summary>
    public const string Form = "{root:maxlength(0)?}";
    public const string Result = "result/{id}";
    /// <summary>Under the result page, so the browser sends the token cookie scoped to it.</summary>
    public const string Reassess = "result/{id}/reassess";
    /// <summary>The SME's forms on its result page post here, under the page, so the browser sends the page's token cookie.</summary>
    public const string ResultActions = "result/{id}/actions";
    /// <summary>The result page's open form posts the token here (from the link's fragment, or typed in) for the page's cookie.</summary>
    public const string ResultOpen = "result/{id}/open";
    public const string ResultAction = "result/{id}/actions/{actionId}";
    /// <summary>The result page's "download our data" (GET) and "erase our data" (GET asks, POST erases): under the page, so its cookie comes along.</summary>
    public const string ResultExport = "result/{id}/export";
    public const string ResultErase = "result/{id}/erase";
    public const string Asset = "assets/{name}";

    public const string AdvisorDashboard = "advisor";
    public const string AdvisorSignIn = "advisor/login";
    public const string AdvisorSignOut = "advisor/logout";
    public const string AdvisorAssessment = "advisor/assessments/{id}";
    public const string AdvisorDestinationReport = "advisor/reports/destination";
    public const string AdvisorModelCard = "advisor/model";

    public const string Questionnaire = "api/questionnaire";
    public const string Health = "api/health";
    public const string Liveness = "api/health/live";
    public const string Assessments = "api/assessments";
    public const string Assessment = "api/assessments/{id}";
    public const string Review = "api/assessments/{id}/review";
    /// <summary>GET: everything stored about the assessment's product (portability); DELETE: erase that product (its SME).</summary>
    public const string AssessmentExport = "api/assessments/{id}/export";
    public const string AssessmentProduct = "api/assessments/{id}/product";
    /// <summary>An advisor erases every product of a company (POST <c>{companyName}</c>).</summary>
    public const string Erasures = "api/erasures";
    public const string Product = "api/products/{productId}";
    public const string ProductStages = "api/products/{productId}/stages";
    public const string ProductAccessLog = "api/products/{productId}/access-log";
    public const string ActionPlan = "api/assessments/{id}/actions";
    public const string PlannedAction = "api/assessments/{id}/actions/{actionId}";
    public const string ActionsCsv = "api/reports/actions.csv";
    public const string BatchTemplate = "api/batches/template.csv";
    public const string Batches = "api/batches";
    public const string Batch = "api/batches/{id}";
    public const string BatchRejections = "api/batches/{id}/rejected.csv";
    public const string Portfolio = "api/reports/portfolio";
    public const string PortfolioCsv = "api/reports/portfolio.csv";
    public const string Funnel = "api/reports/funnel";
    public const string FunnelCsv = "api/reports/funnel.csv";
    public const string Validation = "api/validation";
    public const string Rescore = "api/admin/rescore";
    public const string RescoreRuns = "api/admin/rescore/runs";
    public const string RescoreRun = "api/admin/rescore/runs/{id}";
    public const string OutcomeSets = "api/outcome-sets";
    public const string OutcomeSet = "api/outcome-sets/{id}";
    public const string ModelCard = "api/model/card";
    public const string Programmes = "api/programmes";
    public const string ProgrammeExtension = "api/programmes/extension";
    public const string ProgrammeDemand = "api/reports/programmes";
    public const string DestinationReport = "api/reports/destination";
    public const string DestinationReportCsv = "api/reports/destination.csv";

    /// <summary>A route as ASP.NET Core's routing writes it.</summary>
    public static string Local(string route) => "/" + route;
}
