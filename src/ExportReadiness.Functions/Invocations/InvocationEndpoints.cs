using System.Text.Json;
using System.Text.Json.Serialization;
using ExportReadiness.Functions.Batches;
using ExportReadiness.Functions.Hosting;
using ExportReadiness.Functions.Queues;
using ExportReadiness.Functions.Rescoring;
using ExportReadiness.Functions.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Functions.Invocations;

/// <summary>What a custom handler answers the Functions host: output bindings, log lines, return value.</summary>
/// <remarks>The host reads these names in Pascal case, whatever the app's JSON policy.</remarks>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>
/// The endpoints the Functions host calls for non-HTTP triggers (<c>POST /{FunctionName}</c>). A 2xx answer
/// completes the invocation; anything else fails it, and for a queue trigger the host retries and finally
/// moves the message to the poison queue itself.
/// </summary>
public static partial class InvocationEndpoints
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder routes)
    {
        var host = routes.MapGroup("").WithTags("Function invocations").ExcludeFromDescription().AddEndpointFilter<FunctionsHostOnlyFilter>();
        MapQueueFunction<ScoreAssessmentHandler>(host, "ScoreAssessment");
        MapQueueFunction<IngestBatchHandler>(host, "IngestBatch");
        host.MapPost("/NightlyRescore", NightlyRescore);
        return routes;
    }

    private static void MapQueueFunction<TFunction>(IEndpointRouteBuilder routes, string name) where TFunction : IQueueFunction =>
        routes.MapPost($"/{name}", (HttpRequest request, TFunction function, IOptions<ExportReadinessOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                QueueTriggerAsync(request, function, options, loggers, cancellationToken));

    /// <summary>
    /// A queue trigger: <c>{"Data":{"message":…},"Metadata":{"DequeueCount":…}}</c>, the message possibly
    /// JSON-encoded once more and the count possibly a string.
    /// </summary>
    internal static async Task<Results<Ok<InvocationResponse>, ValidationProblem, ProblemHttpResult>> QueueTriggerAsync(
        HttpRequest request, IQueueFunction function, IOptions<ExportReadinessOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;

        var data = HostJson.Property(body!.Root, "Data");
        // The binding is named "message" in function.json; take the only entry if it was renamed.
        var message = data is { ValueKind: JsonValueKind.Object } d
            ? HostJson.Property(d, "message") ?? d.EnumerateObject().Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
        if (message is not { } m) return Problems.Invalid("Data.message", "The invocation carries no queue message.");
        var dequeueCount = HostJson.Int(HostJson.Property(HostJson.Property(body.Root, "Metadata") ?? default, "DequeueCount")) ?? 1;
        var text = m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText();

        var invocationId = request.Headers[InvocationIdHeader].ToString();
        var result = (await function.HandleAsync([new QueueDelivery(text, dequeueCount)], cancellationToken))[0];
        if (result.Error is null)
            return TypedResults.Ok(new InvocationResponse([], [$"{function.Name}: {result.Outcome} (invocation {invocationId})"], null));

        LogInvocationFailed(loggers.CreateLogger("ExportReadiness.Functions.Invocations"), function.Name, invocationId, dequeueCount, result.Error.Message);
        return result.Error is MalformedMessageException
            ? Problems.Invalid("Data.message", result.Error.Message)
            : Problems.Status(StatusCodes.Status503ServiceUnavailable, $"{function.Name} failed; the host will retry the message.", result.Error.Message);
    }

    /// <summary>The timer trigger: the body (schedule status, IsPastDue) carries nothing the run needs.</summary>
    internal static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> NightlyRescore(
        HttpRequest request, RescoreJob job, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var invocationId = request.Headers[InvocationIdHeader].ToString();
        try
        {
            var run = await job.RunAsync("timer", cancellationToken);
            var log = run is null
                ? "NightlyRescore skipped: another instance is running one."
                : $"NightlyRescore run {run.Id}: {run.Decision} {run.Rescored} assessments re-scored.";
            return TypedResults.Ok(new InvocationResponse([], [log], null));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogInvocationFailed(loggers.CreateLogger("ExportReadiness.Functions.Invocations"), "NightlyRescore", invocationId, 1, e.Message);
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "The rescore run failed.", e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId} of {Function} failed on delivery {DequeueCount}: {Reason}")]
    private static partial void LogInvocationFailed(ILogger logger, string function, string invocationId, int dequeueCount, string reason);
}
