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
    public async Task With_an_application_insights_connection_the_worker_composes_its_azure_monitor_exporter()
    {
        await using var app = await FunctionAppHost.StartAsync(new Dictionary<string, string?>
        {
            // A connection to nowhere: the composition is what is tested, nothing need arrive.
            [FunctionsTelemetry.ConnectionSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            [FunctionsTelemetry.AuthenticationSetting] = "Authorization=AAD",
        }, bootstrapModel: false);

        Assert.NotNull(app.Services.GetRequiredService<TracerProvider>());
        var exporter = app.Services.GetRequiredService<IOptionsMonitor<Azure.Monitor.OpenTelemetry.Exporter.AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(exporter.Credential);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001", true)]
    [InlineData("Authorization=Key", false)]
    public void The_exporter_ingests_with_the_managed_identity_when_the_template_turns_local_authentication_off(string? authentication, bool managedIdentity) =>
        Assert.Equal(managedIdentity, FunctionsTelemetry.IngestionCredential(authentication) is Azure.Identity.ManagedIdentityCredential);

    [Fact]
    public void The_template_asks_for_entra_ingestion_as_the_exporter_reads_it()
    {
        var template = File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "infra", "main.bicep"));
        Assert.Contains($"name: '{FunctionsTelemetry.AuthenticationSetting}'", template);
        Assert.Contains("value: 'Authorization=AAD'", template);
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
