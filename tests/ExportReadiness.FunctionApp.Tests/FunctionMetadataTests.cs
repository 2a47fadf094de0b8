using System.Globalization;
using System.Text.Json;
using ExportReadiness.Application;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Hosting;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.LocalHost;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The functions.metadata the Worker SDK generated at build must describe the same application the local host
/// serves: every route with its methods and access, the three queue triggers, the timer's schedule setting.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly string Root = Azurite.RepositoryRoot();

    private sealed record Function(string Name, string EntryPoint, JsonElement Trigger)
    {
        public string Type => Trigger.GetProperty("type").GetString()!;
    }

    /// <summary>The metadata beside the Function App built in this test run's configuration (Release in CI).</summary>
    private static IReadOnlyList<Function> Functions()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var path = Path.Combine(Root, "src", "ExportReadiness.FunctionApp", "bin", configuration, "net10.0", "functions.metadata");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray()
            .Select(f => new Function(f.GetProperty("name").GetString()!, f.GetProperty("entryPoint").GetString()!,
                f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString()!.Equals("In", StringComparison.OrdinalIgnoreCase))))
            .ToList();
    }

    /// <summary>The classes the generated metadata's entry points name: the ones the worker will construct.</summary>
    public static IEnumerable<string> EntryPointClasses() =>
        Functions().Select(f => f.EntryPoint[..f.EntryPoint.LastIndexOf('.')]).Distinct();

    /// <summary>The local host's endpoints, mapped by its own MapExportReadiness (no server, no storage calls).</summary>
    private static IReadOnlyList<RouteEndpoint> LocalEndpoints()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.AddExportReadiness();
        var app = builder.Build();
        app.MapExportReadiness();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    private static IEnumerable<(string Method, string Route)> Operations(RouteEndpoint e) =>
        e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (m.ToUpperInvariant(), e.RoutePattern.RawText!.TrimStart('/')));

    private static IEnumerable<(string Method, string Route)> Operations(Function f) =>
        f.Trigger.GetProperty("methods").EnumerateArray().Select(m => (m.GetString()!.ToUpperInvariant(), f.Trigger.GetProperty("route").GetString()!));

    [Fact]
    public void Every_route_the_local_host_maps_is_a_function_with_the_same_methods_and_no_other()
    {
        var local = LocalEndpoints().SelectMany(Operations).Order().ToList();
        var functions = Functions().Where(f => f.Type == "httpTrigger").SelectMany(Operations).Order().ToList();

        Assert.Equal(local, functions);
        Assert.Contains(("GET", Routes.Form), functions);
        Assert.All(Functions().Where(f => f.Type == "httpTrigger"), f => Assert.Equal("Anonymous", f.Trigger.GetProperty("authLevel").GetString(), ignoreCase: true));
    }

    [Fact]
    public void The_same_operations_are_limited_as_anonymous_writes_in_both_hosts()
    {
        var local = LocalEndpoints().Where(e => e.Metadata.GetMetadata<Application.Hosting.AnonymousWriteAttribute>() is not null).SelectMany(Operations).Order().ToList();
        var functions = Functions().Where(f => f.Type == "httpTrigger" && AnonymousWriteLimitMiddleware.IsAnonymousWrite(f.EntryPoint)).SelectMany(Operations).Order().ToList();

        Assert.Equal(local, functions);
        Assert.Contains(("POST", Routes.Assessments), functions);
        Assert.Contains(("POST", Routes.ActionPlan), functions);
    }

    [Fact]
    public void Each_operation_needs_the_same_advisor_policy_in_both_hosts()
    {
        var localPolicies = LocalEndpoints().SelectMany(e => Operations(e).Select(o => (o, Policy: string.Join(",", e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy)))))
            .ToDictionary(x => x.o, x => x.Policy);
        var advisorOnly = 0;
        foreach (var function in Functions().Where(f => f.Type == "httpTrigger"))
        {
            var requirements = AdvisorAuthorizationMiddleware.AuthorizeDataOf(function.EntryPoint);
            Assert.True(requirements is not null, $"{function.EntryPoint} names no method of the app: the middleware would refuse every call");
            var policy = string.Join(",", requirements.Select(a => a.Policy));
            foreach (var operation in Operations(function))
                Assert.True(localPolicies[operation] == policy, $"{operation}: local host '{localPolicies[operation]}', Function App '{policy}'");
            if (policy.Length > 0) advisorOnly++;
        }
        Assert.True(advisorOnly >= 10, "the advisors' API and pages are behind the policy");
    }

    [Fact]
    public void The_product_history_routes_are_functions_the_reassess_page_open_and_the_product_api_advisor_only()
    {
        var functions = Functions().Where(f => f.Type == "httpTrigger").ToList();
        Function Of(string route) => functions.Single(f => Operations(f).Contains(("GET", route)));
        Assert.Empty(AdvisorAuthorizationMiddleware.AuthorizeDataOf(Of(Routes.Reassess).EntryPoint)!);
        Assert.Equal([AdvisorAuthentication.Policy], AdvisorAuthorizationMiddleware.AuthorizeDataOf(Of(Routes.Product).EntryPoint)!.Select(a => a.Policy));
        Assert.Contains(("GET", Routes.Reassess), LocalEndpoints().SelectMany(Operations));
        Assert.Contains(("GET", Routes.Product), LocalEndpoints().SelectMany(Operations));
    }

    [Fact]
    public void The_queue_functions_read_the_scoring_batch_and_rescore_part_queues_through_the_storage_setting()
    {
        var queues = Functions().Where(f => f.Type == "queueTrigger").ToDictionary(f => f.Name);
        Assert.Equal([nameof(IngestBatchFunction.IngestBatch), nameof(RescorePartFunction.RescorePart), nameof(ScoreAssessmentFunction.ScoreAssessment)],
            queues.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(StorageNames.ScoringQueue, queues["ScoreAssessment"].Trigger.GetProperty("queueName").GetString());
        Assert.Equal(StorageNames.BatchQueue, queues["IngestBatch"].Trigger.GetProperty("queueName").GetString());
        Assert.Equal(StorageNames.RescorePartsQueue, queues["RescorePart"].Trigger.GetProperty("queueName").GetString());
        Assert.All(queues.Values, q => Assert.Equal("AzureWebJobsStorage", q.Trigger.GetProperty("connection").GetString()));
    }

    /// <summary>
    /// On Azure the template creates the tables, queues and containers, so a deployment is complete before the app starts
    /// (locally the bootstrapper creates them, which hides a missing one): every one the app uses must be in it.
    /// </summary>
    [Fact]
    public void The_template_creates_every_table_queue_and_container_the_app_uses()
    {
        var template = File.ReadAllText(Path.Combine(Root, "infra", "main.bicep"));
        string[] Listed(string variable) =>
            System.Text.RegularExpressions.Regex.Match(template, $@"var {variable} = \[(.*?)\]", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Groups[1].Value.Split('\n').Select(l => l.Trim().Trim('\'')).Where(l => l.Length > 0).ToArray();
        Assert.Equal(StorageNames.Tables.Order(), Listed("tables").Order());
        Assert.Equal(StorageNames.Queues.Order(), Listed("queues").Order());
        Assert.Equal(StorageNames.Containers.Order(), Listed("blobContainers").Where(c => c != "deploymentContainer").Order());
    }

    [Fact]
    public void The_timer_function_reads_the_documented_schedule_setting()
    {
        var timer = Functions().Single(f => f.Type == "timerTrigger" && f.Name == nameof(NightlyRescoreFunction.NightlyRescore));
        var setting = $"{ExportReadinessOptions.Section}__{nameof(ExportReadinessOptions.RescoreSchedule)}";
        Assert.Equal($"%{setting}%", timer.Trigger.GetProperty("schedule").GetString());
        Assert.Contains(setting, File.ReadAllText(Path.Combine(Root, "README.md")));
        Assert.Contains(setting, File.ReadAllText(Path.Combine(Root, "infra", "main.bicep")));
    }

    [Fact]
    public void The_pending_sweep_timer_runs_every_minute_and_the_reconcile_and_retention_nightly_as_the_local_host_does()
    {
        var timers = Functions().Where(f => f.Type == "timerTrigger").Select(f => f.Name).Order();
        Assert.Equal([nameof(EraseExpiredFunction.EraseExpired), nameof(NightlyRescoreFunction.NightlyRescore), nameof(ReconcileReportsFunction.ReconcileReports), nameof(SweepPendingFunction.SweepPending)], timers);
        var retention = Functions().Single(f => f.Name == nameof(EraseExpiredFunction.EraseExpired));
        Assert.Equal(Application.Privacy.RetentionJob.Schedule, retention.Trigger.GetProperty("schedule").GetString());
        var sweep = Functions().Single(f => f.Name == nameof(SweepPendingFunction.SweepPending));
        Assert.Equal("0 * * * * *", sweep.Trigger.GetProperty("schedule").GetString());
        Assert.Equal(Application.Scoring.PendingSweeper.Schedule, sweep.Trigger.GetProperty("schedule").GetString());
        var reconcile = Functions().Single(f => f.Name == nameof(ReconcileReportsFunction.ReconcileReports));
        Assert.Equal(Application.Reports.ReportReconciler.Schedule, reconcile.Trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Every_function_method_is_in_the_metadata()
    {
        var methods = FunctionAppHost.FunctionClasses().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false).Length > 0)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").Order();
        Assert.Equal(methods, Functions().Select(f => f.EntryPoint).Order());
    }

    [Fact]
    public void Host_json_queue_settings_equal_the_local_drivers_defaults_and_serve_the_root_path()
    {
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json"))).RootElement;
        Assert.False(host.TryGetProperty("customHandler", out _));
        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = host.GetProperty("extensions").GetProperty("queues");
        var defaults = new QueueTriggerOptions();
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.NewBatchThreshold, queues.GetProperty("newBatchThreshold").GetInt32());
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void Host_json_http_throttles_equal_the_local_hosts_load_shedding()
    {
        var http = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json"))).RootElement.GetProperty("extensions").GetProperty("http");
        var defaults = new LoadSheddingOptions();
        Assert.Equal(defaults.MaxConcurrentRequests, http.GetProperty("maxConcurrentRequests").GetInt32());
        Assert.Equal(defaults.MaxConcurrentRequests + defaults.MaxQueuedRequests, http.GetProperty("maxOutstandingRequests").GetInt32());
        Assert.True(http.GetProperty("dynamicThrottlesEnabled").GetBoolean());
    }
}
