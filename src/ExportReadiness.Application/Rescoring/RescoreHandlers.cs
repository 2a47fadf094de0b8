using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Rescoring;

/// <summary>Advisors start a retrain + re-score run by hand and follow the runs.</summary>
public sealed class RescoreHandlers(RescoreJob job, IModelRunStore runs, IHostApplicationLifetime lifetime)
{
    public async Task<Results<Accepted<ModelRun>, ProblemHttpResult>> Start(HttpRequest request)
    {
        // The run outlives the request; it stops (and is resumable) when the app stops.
        var run = await job.StartAsync("manual", lifetime.ApplicationStopping);
        return run is null
            ? Problems.Status(StatusCodes.Status409Conflict, Messages.RescoreRunning, Messages.FollowRunsAt(Routes.Local(Routes.RescoreRuns)), ApiMessages.Of(request))
            : TypedResults.Accepted($"/{Routes.RescoreRuns}/{run.Id}", run);
    }

    public async Task<Ok<IReadOnlyList<ModelRun>>> Recent(CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.RecentAsync(20, cancellationToken));

    public async Task<Results<Ok<ModelRun>, ProblemHttpResult>> Get(string id, HttpRequest request, CancellationToken cancellationToken) =>
        await runs.GetAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchRun, ApiMessages.Of(request));
}
