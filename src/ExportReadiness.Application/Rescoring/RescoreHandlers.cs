using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Rescoring;

/// <summary>Advisors start a retrain + re-score run by hand and follow the runs.</summary>
public sealed class RescoreHandlers(RescoreJob job, IModelRunStore runs, RescoreCompletion completion, IHostApplicationLifetime lifetime)
{
    public async Task<Results<Accepted<ModelRun>, ProblemHttpResult>> Start(HttpRequest request)
    {
        // The run outlives the request; it stops (and is resumable) when the app stops. Refused while a run's parts are outstanding.
        var run = await job.StartAsync("manual", lifetime.ApplicationStopping);
        return run is null
            ? Problems.Status(StatusCodes.Status409Conflict, Messages.RescoreRunning, Messages.FollowRunsAt(Routes.Local(Routes.RescoreRuns)), ApiMessages.Of(request))
            : TypedResults.Accepted($"/{Routes.RescoreRuns}/{run.Id}", run);
    }

    /// <summary>A run being re-scored shows its parts' progress as it stands; at most one is (one run at a time).</summary>
    public async Task<Ok<IReadOnlyList<ModelRun>>> Recent(CancellationToken cancellationToken)
    {
        var recent = new List<ModelRun>();
        foreach (var run in await runs.RecentAsync(20, cancellationToken)) recent.Add(await completion.LiveAsync(run, cancellationToken));
        return TypedResults.Ok<IReadOnlyList<ModelRun>>(recent);
    }

    public async Task<Results<Ok<ModelRun>, ProblemHttpResult>> Get(string id, HttpRequest request, CancellationToken cancellationToken) =>
        await runs.GetAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(await completion.LiveAsync(run, cancellationToken))
            : Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchRun, ApiMessages.Of(request));
}
