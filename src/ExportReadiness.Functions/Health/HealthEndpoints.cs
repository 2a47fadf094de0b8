using ExportReadiness.Functions.Scoring;
using ExportReadiness.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Functions.Health;

public sealed record HealthReport(string Status, bool StorageReachable, string? ModelVersion, bool ModelLoaded);

public static class HealthEndpoints
{
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/health", Check).WithTags("Health").WithSummary("Storage reachability and the model version in use.");

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Check(
        StorageClients storage, CurrentModel model, CancellationToken cancellationToken)
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
