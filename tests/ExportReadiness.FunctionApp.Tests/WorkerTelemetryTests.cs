using System.Diagnostics.Metrics;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Hosting;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ExportReadiness.FunctionApp.Tests;

[Collection(FunctionAppCollection.Name)]
public class WorkerTelemetryTests(FunctionAppFixture fixture)
{
    private IServiceProvider Services => fixture.App.Services;

    [Fact]
    public void The_worker_runs_OpenTelemetry_and_the_host_sends_its_own_telemetry_as_OpenTelemetry_to_the_connection_the_template_sets()
    {
        Assert.NotNull(Services.GetService<TracerProvider>());
        Assert.NotNull(Services.GetService<MeterProvider>());
        var root = Azurite.RepositoryRoot();
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json"))).RootElement;
        Assert.Equal("OpenTelemetry", host.GetProperty("telemetryMode").GetString());
        Assert.Contains($"name: '{FunctionsTelemetry.ConnectionSetting}'", File.ReadAllText(Path.Combine(root, "infra", "main.bicep")));
    }

    [Fact]
    public async Task A_message_failing_its_last_delivery_counts_as_a_retry_and_as_poison_with_how_long_it_waited()
    {
        var meters = Services.GetRequiredService<IMeterFactory>();
        using var age = new MetricCollector<double>(meters, "ExportReadiness", "exportreadiness.queue.age");
        using var retries = new MetricCollector<long>(meters, "ExportReadiness", "exportreadiness.queue.retries");
        using var poisoned = new MetricCollector<long>(meters, "ExportReadiness", "exportreadiness.queue.poisoned");
        var last = Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value.MaxDequeueCount;
        var message = QueuesModelFactory.QueueMessage("m", "p", BinaryData.FromString("not json"), last, insertedOn: DateTimeOffset.UtcNow.AddSeconds(-30));

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.App.Function<ScoreAssessmentFunction>().ScoreAssessment(message, default));

        var waited = Assert.Single(age.GetMeasurementSnapshot());
        Assert.Equal(StorageNames.ScoringQueue, waited.Tags["messaging.destination.name"]);
        Assert.InRange(waited.Value, 30, 300);
        Assert.Equal(1, Assert.Single(retries.GetMeasurementSnapshot()).Value);
        Assert.Equal(StorageNames.ScoringQueue, Assert.Single(poisoned.GetMeasurementSnapshot()).Tags["messaging.destination.name"]);
    }
}
