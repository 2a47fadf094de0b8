using Azure.Monitor.OpenTelemetry.Exporter;
using ExportReadiness.Application.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ExportReadiness.FunctionApp;

/// <summary>
/// OpenTelemetry in the isolated worker: the worker's own invocation spans (<c>UseFunctionsWorkerDefaults</c>, with host.json's
/// <c>"telemetryMode": "OpenTelemetry"</c> so the host's spans and the worker's form one trace), the application's spans
/// and metrics (<see cref="ExportReadinessTelemetry"/>), exported to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (infra/main.bicep sets it). Without it nothing is exported.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static FunctionsApplicationBuilder AddExportReadinessTelemetry(this FunctionsApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ExportReadinessTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(ExportReadinessTelemetry.Name));
        if (!string.IsNullOrEmpty(builder.Configuration[ConnectionSetting])) telemetry.UseAzureMonitorExporter();
        return builder;
    }
}
