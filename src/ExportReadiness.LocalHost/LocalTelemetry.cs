using ExportReadiness.Application.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ExportReadiness.LocalHost;

/// <summary>
/// OpenTelemetry in the local host: the application's spans and metrics (<see cref="ExportReadinessTelemetry"/>), ASP.NET
/// Core's requests and the outgoing HTTP calls (storage). Exported to the console when <c>ExportReadiness:Telemetry:Console</c>
/// is true and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; by default neither, so tests and run-local stay
/// quiet (a test adds an in-memory exporter through <c>ConfigureOpenTelemetryTracerProvider</c>).
/// </summary>
public static class LocalTelemetry
{
    public const string ConsoleSetting = "ExportReadiness:Telemetry:Console";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "ExportReadiness.LocalHost";

    public static WebApplicationBuilder AddLocalTelemetry(this WebApplicationBuilder builder)
    {
        var console = builder.Configuration.GetValue<bool>(ConsoleSetting);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ExportReadinessTelemetry.Name)
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        // Never the query string (a token a client put in a link), nor an exception's message.
                        options.EnrichWithHttpRequest = (activity, _) => RedactedRequest.Strip(activity);
                        options.EnrichWithHttpResponse = (activity, _) => RedactedRequest.Strip(activity);
                        options.RecordException = false;
                    })
                    .AddHttpClientInstrumentation(options =>
                    {
                        options.EnrichWithHttpRequestMessage = (activity, _) => RedactedRequest.Strip(activity);
                        options.RecordException = false;
                    });
                if (console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ExportReadinessTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (console) metrics.AddConsoleExporter();
            });
        if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointSetting]))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }
        return builder;
    }
}
