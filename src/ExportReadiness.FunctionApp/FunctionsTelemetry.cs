using Azure.Core;
using Azure.Identity;
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
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (infra/main.bicep sets it, with Entra ID ingestion). Without it
/// nothing is exported.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static FunctionsApplicationBuilder AddExportReadinessTelemetry(this FunctionsApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ExportReadinessTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(ExportReadinessTelemetry.Name));
        if (!string.IsNullOrEmpty(builder.Configuration[ConnectionSetting]))
        {
            var credential = IngestionCredential(builder.Configuration[AuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options => options.Credential = credential);
        }
        return builder;
    }

    /// <summary>
    /// The identity the exporter ingests with. The template turns local authentication off on the Application Insights
    /// component and says so in <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>Authorization=AAD</c>, with
    /// <c>ClientId=…</c> for a user-assigned identity), as the Functions host reads it: the worker's exporter must
    /// present the same managed identity, or every span and metric would be refused. Without the setting, none.
    /// </summary>
    public static TokenCredential? IngestionCredential(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
