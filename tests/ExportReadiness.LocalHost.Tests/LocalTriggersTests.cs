using ExportReadiness.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>The local host triggers what the Functions host would trigger, and honours the same switch that turns a function off.</summary>
public class LocalTriggersTests
{
    private static List<string> TriggeredBy(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.AddExportReadiness();
        builder.AddLocalTriggers();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetServices<IHostedService>().Select(s => s switch
        {
            QueueTriggerWorker queue => $"queue:{queue.QueueName}",
            TimerTriggerWorker timer => $"timer:{timer.GetType().Name}",
            _ => "",
        }).Where(n => n.Length > 0).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Standalone_it_polls_the_three_queues_and_fires_every_timer()
    {
        string[] expected = ["queue:assessments-to-score", "queue:batches-to-ingest", "queue:rescore-parts", "timer:PendingSweepScheduler", "timer:ReportReconcileScheduler", "timer:RescoreScheduler", "timer:RetentionScheduler"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), TriggeredBy([]));
    }

    [Theory]
    [InlineData("AzureWebJobs:NightlyRescore:Disabled", "timer:RescoreScheduler")]
    [InlineData("AzureWebJobs.SweepPending.Disabled", "timer:PendingSweepScheduler")]
    [InlineData("AzureWebJobs:ScoreAssessment:Disabled", "queue:assessments-to-score")]
    [InlineData("AzureWebJobs:RescorePart:Disabled", "queue:rescore-parts")]
    [InlineData("AzureWebJobs:ReconcileReports:Disabled", "timer:ReportReconcileScheduler")]
    [InlineData("AzureWebJobs:EraseExpired:Disabled", "timer:RetentionScheduler")]
    public void A_function_disabled_with_the_functions_hosts_setting_is_not_triggered(string setting, string trigger)
    {
        var triggered = TriggeredBy(new() { [setting] = "true" });

        Assert.DoesNotContain(trigger, triggered);
        Assert.Equal(6, triggered.Count);
    }

    [Fact]
    public void A_web_only_instance_triggers_nothing()
    {
        Assert.Empty(TriggeredBy(new() { ["ExportReadiness:Standalone"] = "false" }));
    }
}
