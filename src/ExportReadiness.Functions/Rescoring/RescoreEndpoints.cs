using ExportReadiness.Core.Training;
using ExportReadiness.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Functions.Rescoring;

public static class RescoreEndpoints
{
    public static RouteGroupBuilder MapRescore(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/rescore").WithTags("Model runs").RequireAdvisor();
        group.MapPost("/", Start).WithSummary("Start a retrain + re-score run now; 409 if one is running.");
        group.MapGet("/runs", Recent).WithSummary("The most recent runs, newest first, with the model decision and counts.");
        group.MapGet("/runs/{id}", Get).WithSummary("One run.");
        return group;
    }

    internal static async Task<Results<Accepted<ModelRun>, ProblemHttpResult>> Start(RescoreJob job, IHostApplicationLifetime lifetime)
    {
        // The run outlives the request; it stops (and is resumable) when the app stops.
        var run = await job.StartAsync("manual", lifetime.ApplicationStopping);
        return run is null
            ? Problems.Status(StatusCodes.Status409Conflict, "A rescore run is already running.", "Follow it at /api/admin/rescore/runs.")
            : TypedResults.Accepted($"/api/admin/rescore/runs/{run.Id}", run);
    }

    internal static async Task<Ok<IReadOnlyList<ModelRun>>> Recent(IModelRunStore runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.RecentAsync(20, cancellationToken));

    internal static async Task<Results<Ok<ModelRun>, ProblemHttpResult>> Get(string id, IModelRunStore runs, CancellationToken cancellationToken) =>
        await runs.GetAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : Problems.Status(StatusCodes.Status404NotFound, "Not found.", "No run with this id.");
}
