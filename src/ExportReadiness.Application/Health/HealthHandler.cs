using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Health;

/// <param name="ModelRefused">A published model version refused at load because its file is not the one published (its SHA-256 differs).</param>
public sealed record HealthReport(string Status, bool StorageReachable, string? ModelVersion, bool ModelLoaded, string? ModelRefused = null);

public sealed record Liveness(string Status);

/// <summary>
/// Liveness (the process answers; storage is never touched, so an outage does not get instances restarted) and
/// readiness (storage reachable, the model in use). Readiness is checked at most once per
/// <see cref="ReadinessTtl"/>, and every probe in that window shares the check: probes under load neither
/// pile onto storage nor flap with one slow answer.
/// </summary>
public sealed class HealthHandler(StorageClients storage, CurrentModel model, TimeProvider clock)
{
    public static readonly TimeSpan ReadinessTtl = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private (Task<HealthReport> Report, DateTimeOffset CheckedAt)? _last;

    public Ok<Liveness> Live() => TypedResults.Ok(new Liveness("Alive"));

    public async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Check(CancellationToken cancellationToken)
    {
        Task<HealthReport> check;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is not { } last || now - last.CheckedAt > ReadinessTtl || last.Report.IsFaulted)
                _last = last = (CheckReadinessAsync(), now);
            check = last.Report;
        }
        var report = await check.WaitAsync(cancellationToken);
        return report.StorageReachable ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Not tied to one caller's cancellation: the check is shared by every probe in its window.</summary>
    private async Task<HealthReport> CheckReadinessAsync()
    {
        bool reachable;
        string? version = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await storage.Queue(StorageNames.ScoringQueue).GetPropertiesAsync(timeout.Token);
            reachable = true;
            version = (await model.GetAsync(timeout.Token)).Version;
        }
        catch (ModelUnavailableException)
        {
            reachable = true;
        }
        catch (Azure.RequestFailedException e) when (!StorageClients.IsUnavailable(e))
        {
            // Storage answered (a missing queue, say): reachable, though not ready to score.
            reachable = true;
        }
        catch (Exception e) when (StorageClients.IsUnavailable(e) || e is OperationCanceledException)
        {
            reachable = false;
        }
        // A refused model is no outage (the previous one scores) but not healthy either: an operator must look.
        var healthy = reachable && version is not null && model.Refused is null;
        return new HealthReport(healthy ? "Healthy" : reachable ? "Degraded" : "Unhealthy", reachable, version, model.Loaded is not null, model.Refused);
    }
}
