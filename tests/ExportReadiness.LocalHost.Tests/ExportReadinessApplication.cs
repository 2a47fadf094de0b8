using ExportReadiness.Application.Access;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using ExportReadiness.LocalHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>The real app on real Kestrel (a free loopback port), against the shared Azurite.</summary>
public sealed class ExportReadinessApplication : WebApplicationFactory<Program>
{
    public const string AdvisorName = "Anna Lind";
    public const string AdvisorKey = "test-advisor-key-0123456789";
    public const string OtherAdvisorName = "Erik Berg";
    public const string OtherAdvisorKey = "test-advisor-key-9876543210";
    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;
    private readonly ILoggerProvider? _logs;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Changes to the app's services after its own composition (a fault to inject, say).</param>
    public ExportReadinessApplication(string connectionString, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        _connectionString = connectionString;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _logs = logs;
        _clock = clock;
        _services = services;
        UseKestrel(0);
    }

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    /// <summary>
    /// The app started on Kestrel and ready to score, on storage that has the bundled model published (trained once per
    /// run, <see cref="SeededModel"/>), so the app loads it instead of training its own.
    /// </summary>
    public static async Task<ExportReadinessApplication> StartAsync(string connectionString, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        await SeededModel.PublishAsync(connectionString);
        var app = new ExportReadinessApplication(connectionString, settings, services: services);
        app.StartServer();
        await app.Services.GetRequiredService<CurrentModel>().WaitUntilAvailableAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(StorageNames.ConnectionSetting, _connectionString);
        builder.UseSetting($"{ExportReadinessOptions.Section}:AdvisorApiKeys", $"{AdvisorName}:{AdvisorKey}, {OtherAdvisorName}:{OtherAdvisorKey}");
        builder.UseSetting($"{QueueTriggerOptions.Section}:MaxPollingInterval", "00:00:00.250");
        // Every test client is one loopback address: no test but the limit's own may meet the per-client write limit.
        builder.UseSetting($"{AnonymousWriteLimitOptions.Section}:PermitLimit", "1000000");
        // The timers off, as the Functions host's AzureWebJobs.{function}.Disabled turns a function off: a run that crosses
        // 02:00 UTC must not retrain and re-score under the tests, nor a background sweep race a test's own.
        builder.UseSetting($"AzureWebJobs:{LocalTriggers.NightlyRescore}:Disabled", "true");
        builder.UseSetting($"AzureWebJobs:{LocalTriggers.SweepPending}:Disabled", "true");
        builder.UseSetting($"AzureWebJobs:{LocalTriggers.ReconcileReports}:Disabled", "true");
        builder.UseSetting($"AzureWebJobs:{LocalTriggers.EraseExpired}:Disabled", "true");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_logs is not null) builder.ConfigureLogging(logging => logging.AddProvider(_logs));
        if (_clock is not null) builder.ConfigureTestServices(services => services.AddSingleton(_clock));
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    /// <summary>A client that leaves cookies and redirects to the test (<see cref="AdvisorSessionClient"/> keeps the cookies).</summary>
    public AdvisorSessionClient CreateSessionClient(HttpClient? http = null) =>
        new(http ?? new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = ClientOptions.BaseAddress });

    /// <summary>An HTTP client whose connections come from the given loopback address (127.0.0.0/8 is all loopback), as a client of its own.</summary>
    public HttpClient CreateClientFrom(string address) =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = ClientOptions.BaseAddress };

    public HttpClient CreateAdvisorClient(string key = AdvisorKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(AdvisorKeys.Header, key);
        return client;
    }
}

/// <summary>One Azurite and one standalone app (queue worker on) for the whole integration suite.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();
    public ExportReadinessApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        App = await ExportReadinessApplication.StartAsync(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>
/// A test class with an Azurite and an app of its own, for tests that stop storage under the app. With a
/// <paramref name="azuriteLocation"/> Azurite keeps its data in that folder, so it outlives a stop and restart.
/// </summary>
public abstract class OwnStorageTests(string? azuriteLocation = null) : IAsyncLifetime
{
    protected ExportReadiness.Testing.Azurite Azurite { get; } = new(azuriteLocation);
    protected ExportReadinessApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.StartAsync();
        App = await ExportReadinessApplication.StartAsync(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
        if (Azurite.Location is { } data) Directory.Delete(data, recursive: true);
    }
}

/// <summary>
/// The tests that share the pipeline: one Azurite, one app. A collection runs its tests one at a time, so they never
/// compete for the app's capacity; other collections (the browser's, the nightly run's, each outage's) run beside it,
/// each on storage of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}

/// <summary>The nightly run's tests: an Azurite and app of their own, since a run re-scores every row it finds.</summary>
[CollectionDefinition(Name)]
public sealed class RescoreCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "rescore";
}

/// <summary>
/// The browser tests: the one Chromium of the run and a pipeline of their own, so the slowest tests of the suite run
/// beside the pipeline collection's instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PipelineFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "browser";
}
