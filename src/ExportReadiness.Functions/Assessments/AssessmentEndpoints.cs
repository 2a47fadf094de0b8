using ExportReadiness.Core.Assessments;
using ExportReadiness.Functions.Hosting;
using ExportReadiness.Functions.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Functions.Assessments;

public static class AssessmentEndpoints
{
    public const string TokenHeader = "X-Assessment-Token";

    public static RouteGroupBuilder MapAssessments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/assessments").WithTags("Assessments");
        group.MapPost("/", Submit)
            .Accepts<object>("application/json")
            .WithSummary("Submit a product self-assessment; it is scored asynchronously.");
        group.MapGet("/{id}", Get)
            .WithSummary("An assessment's status and, once scored, its result. Needs the SME's access token or an advisor key.");

        var advisors = group.MapGroup("").RequireAdvisor();
        advisors.MapGet("/", AssessmentListEndpoint.List)
            .WithSummary("Advisors: a page of assessments, filtered by programme, level, sector, region, status, verdict.");
        advisors.MapReviews();
        return group;
    }

    internal static async Task<Results<Accepted<SubmissionAccepted>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpRequest request, SubmissionValidator validator, AssessmentIntake intake, IOptions<ExportReadinessOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;

        var outcome = validator.Validate(body!.Root);
        if (!outcome.IsValid) return Problems.Invalid(outcome.Errors.ToDictionary(), "The questionnaire has invalid or missing answers.");

        var accepted = await intake.AcceptAsync(outcome.Submission!, body.Raw, cancellationToken);
        return TypedResults.Accepted($"/api/assessments/{accepted.Id}", new SubmissionAccepted(accepted.Id, accepted.Status, accepted.AccessToken));
    }

    internal static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> Get(
        string id, HttpRequest request, IAssessmentStore store, AdvisorAccess advisors, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(id, cancellationToken);
        // An unknown id and a wrong token look the same: nobody learns which assessments exist.
        if (assessment is null || !(advisors.IsAdvisor(request) || AccessToken.Matches(TokenOf(request), assessment.AccessTokenHash)))
            return Problems.Status(StatusCodes.Status404NotFound, "Not found.", "No assessment with this id is visible with the credentials given.");
        return TypedResults.Ok(assessment.AsView());
    }

    private static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers[TokenHeader].ToString();
        return header.Length > 0 ? header : request.Query["token"].ToString();
    }
}
