using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ExportReadiness.LocalHost.Tests.Telemetry;

/// <summary>
/// The local host on an Azurite of its own, with OpenTelemetry's in-memory exporter added to the host's own telemetry (the
/// hook OpenTelemetry gives any host: <c>ConfigureOpenTelemetryTracerProvider</c>), so a test reads what an operator's
/// exporter would receive. OpenTelemetry listens process-wide: a test finds its own spans by its trace.
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];

    public ExportReadiness.Testing.Azurite Azurite { get; } = new();

    public ExportReadinessApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.StartAsync();
        App = await ExportReadinessApplication.StartAsync(Azurite.ConnectionString, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        }, new Dictionary<string, string?>
        {
            // The instrumentations' own redaction of query values off, as an operator may turn it: the host's must still hold.
            ["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION"] = "true",
        });
    }

    /// <summary>The spans ended so far (the exporter adds under its processor's lock; a copy is read under the list's).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans) return [.. _spans];
        }
    }

    /// <summary>Collects every instrument now and returns the latest point of each metric.</summary>
    public IReadOnlyList<MetricSnapshot> Metrics()
    {
        lock (_metrics) _metrics.Clear();
        Assert.True(App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "The metrics were not collected.");
        lock (_metrics) return [.. _metrics];
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
