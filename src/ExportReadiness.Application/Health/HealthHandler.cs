using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Health;

public sealed record HealthReport(string Status, bool StorageReachable, string? ModelVersion, bool ModelLoaded);

/// <summary>Storage reachability and the model version in use.</summary>
public sealed class HealthHandler(StorageClients storage, CurrentModel model)
{
    public async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Check(CancellationToken cancellationToken)
    {
        bool reachable;
        string? version = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await storage.Queue(StorageNames.ScoringQueue).GetPropertiesAsync(timeout.Token);
            reachable = true;
            version = (await model.GetAsync(timeout.Token)).Version;
        }
        catch (ModelUnavailableException)
        {
            reachable = true;
        }
        catch (Exception e) when (StorageClients.IsUnavailable(e) || e is OperationCanceledException)
        {
            reachable = false;
        }
        var report = new HealthReport(reachable && version is not null ? "Healthy" : reachable ? "Degraded" : "Unhealthy", reachable, version, model.Loaded is not null);
        return reachable ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
