using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Assets;
using ExportReadiness.Application.Health;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Questionnaire;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>Open to anyone: the SME's form, result page and re-assessment form, the questionnaire, submitting and reading an assessment, liveness and readiness.</summary>
public sealed class SmeFunctions(SmePages pages, AssetHandler assets, QuestionnaireHandler questionnaire, AssessmentHandlers assessments, HealthHandler health)
{
    [Function(nameof(Form))]
    public IResult Form([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Form)] HttpRequest request) => pages.Form(request);

    [Function(nameof(Result))]
    public Task<IResult> Result([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Result)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.Result(id, request.HttpContext, cancellationToken);

    [Function(nameof(OpenResult))]
    public Task<IResult> OpenResult([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ResultOpen)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.Open(id, request.HttpContext, cancellationToken);

    [Function(nameof(Reassess))]
    public Task<IResult> Reassess([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Reassess)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        pages.Reassess(id, request.HttpContext, cancellationToken);

    [Function(nameof(Asset))]
    public IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Asset)] HttpRequest request, string name) => assets.Get(name, request);

    [Function(nameof(Questionnaire))]
    public IResult Questionnaire([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Questionnaire)] HttpRequest request) => questionnaire.Get();

    [Function(nameof(Health))]
    public async Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request, CancellationToken cancellationToken) =>
        await health.Check(cancellationToken);

    [Function(nameof(Liveness))]
    public IResult Liveness([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Liveness)] HttpRequest request) => health.Live();

    [Function(nameof(SubmitAssessment))]
    [AnonymousWrite]
    public async Task<IResult> SubmitAssessment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Assessments)] HttpRequest request, CancellationToken cancellationToken) =>
        await assessments.Submit(request, cancellationToken);

    [Function(nameof(GetAssessment))]
    public async Task<IResult> GetAssessment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Assessment)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await assessments.Get(id, request.HttpContext, cancellationToken);
}
