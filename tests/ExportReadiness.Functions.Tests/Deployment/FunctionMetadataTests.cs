using System.Text.Json;
using ExportReadiness.Functions.Hosting;
using ExportReadiness.Functions.Queues;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Functions.Tests.Deployment;

/// <summary>host.json and functions/*/function.json must describe the app that is actually built.</summary>
[Collection(PipelineCollection.Name)]
public class FunctionMetadataTests(PipelineFixture pipeline)
{
    private static readonly string Root = AzuriteFixture.RepositoryRoot();

    private static JsonElement Read(params string[] path) => JsonDocument.Parse(File.ReadAllText(Path.Combine([Root, .. path]))).RootElement;

    private static IEnumerable<(string Name, JsonElement Trigger)> Functions() =>
        Directory.GetDirectories(Path.Combine(Root, "functions")).Select(dir =>
            (Path.GetFileName(dir), Read("functions", Path.GetFileName(dir), "function.json").GetProperty("bindings")
                .EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "in")));

    private HashSet<string> InvocationRoutes() => pipeline.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
        .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
        .ToHashSet();

    [Fact]
    public void Host_json_queue_settings_equal_the_standalone_workers_defaults()
    {
        var queues = Read("host.json").GetProperty("extensions").GetProperty("queues");
        var defaults = new QueueTriggerOptions();
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.NewBatchThreshold, queues.GetProperty("newBatchThreshold").GetInt32());
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void Host_json_starts_the_published_handler_and_forwards_http_unchanged()
    {
        var host = Read("host.json");
        var handler = host.GetProperty("customHandler");
        Assert.Equal("ExportReadiness.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Every_queue_function_names_a_queue_and_invocation_endpoint_the_app_serves()
    {
        var routes = InvocationRoutes();
        var queueFunctions = pipeline.App.Services.GetServices<IHostedService>().OfType<QueueTriggerWorker>().Count();
        var handlers = new IQueueFunction[]
        {
            pipeline.App.Services.GetRequiredService<Scoring.ScoreAssessmentHandler>(),
            pipeline.App.Services.GetRequiredService<Batches.IngestBatchHandler>(),
        }.ToDictionary(h => h.Name);
        var declared = Functions().Where(f => f.Trigger.GetProperty("type").GetString() == "queueTrigger").ToList();

        Assert.Equal(handlers.Keys.Order(), declared.Select(f => f.Name).Order());
        Assert.Equal(handlers.Count, queueFunctions);
        foreach (var (name, trigger) in declared)
        {
            Assert.Contains(name, routes);
            Assert.Equal(handlers[name].QueueName, trigger.GetProperty("queueName").GetString());
            Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        }
    }

    [Fact]
    public void The_timer_function_reads_the_documented_schedule_setting_and_has_an_endpoint()
    {
        var (name, trigger) = Functions().Single(f => f.Trigger.GetProperty("type").GetString() == "timerTrigger");
        Assert.Equal("NightlyRescore", name);
        Assert.Contains(name, InvocationRoutes());
        Assert.Equal($"%{ExportReadinessOptions.Section}__{nameof(ExportReadinessOptions.RescoreSchedule)}%", trigger.GetProperty("schedule").GetString());
        Assert.Contains($"{ExportReadinessOptions.Section}__{nameof(ExportReadinessOptions.RescoreSchedule)}", File.ReadAllText(Path.Combine(Root, "README.md")));
        Assert.Equal(new ExportReadinessOptions().RescoreSchedule, pipeline.App.Services.GetRequiredService<IOptions<ExportReadinessOptions>>().Value.RescoreSchedule);
    }

    [Fact]
    public void The_http_function_forwards_every_path_anonymously()
    {
        var (_, trigger) = Functions().Single(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToHashSet();
        var appMethods = pipeline.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).ToHashSet();
        Assert.Superset(appMethods, methods);
    }
}
