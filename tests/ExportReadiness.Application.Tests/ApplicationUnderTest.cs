using ExportReadiness.Application.Health;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExportReadiness.Application.Tests;

/// <summary>
/// The application as both hosts compose it (<see cref="ApplicationServiceCollectionExtensions.AddExportReadiness"/>), with
/// every storage registration swapped for the in-memory fakes and time from a clock the test moves. Nothing is started:
/// no hosted service runs and nothing listens; tests resolve handlers and call them. The model trained once per run
/// (<see cref="TrainedOnce"/>) is published unless a test wants an account without one.
/// </summary>
public sealed class ApplicationUnderTest : IAsyncDisposable
{
    public const string AdvisorName = "Anna Lind";
    public const string AdvisorKey = "test-advisor-key-0123456789";
    public const string OtherAdvisorName = "Erik Berg";
    public const string OtherAdvisorKey = "test-advisor-key-9876543210";

    /// <summary>The version of the model every test scores with: trained once per test run (<see cref="TrainedOnce"/>).</summary>
    public static string ModelVersion => TrainedOnce.Bundled.Metrics.Version;

    /// <summary>When every test's clock starts: a Wednesday morning, UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private readonly IHost _host;

    /// <param name="settings">Configuration on top of the advisors' keys, as environment variables would give it.</param>
    /// <param name="publishModel">False: a storage account no model has been published to yet.</param>
    /// <param name="start">When the clock starts, if not at <see cref="Start"/> (it can only move forward).</param>
    /// <param name="services">Last changes to the composition, for a test that stands a failing store in.</param>
    public ApplicationUnderTest(IReadOnlyDictionary<string, string?>? settings = null, bool publishModel = true, DateTimeOffset? start = null,
        Action<IServiceCollection>? services = null)
    {
        Clock = new FakeTimeProvider(start ?? Start);
        Storage = new InMemoryStorage(Clock);
        // No defaults: the machine's environment variables and appsettings must not reach a unit test.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ExportReadinessOptions.Section}:AdvisorApiKeys"] = $"{AdvisorName}:{AdvisorKey}, {OtherAdvisorName}:{OtherAdvisorKey}",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddExportReadiness();
        // Both hosts are ASP.NET Core apps with routing; the authorization services need it even where nothing is routed.
        builder.Services.AddRouting();
        UseInMemoryStorage(builder.Services);
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        services?.Invoke(builder.Services);
        // Every registration must be constructible: a storage dependency left behind fails here, not in some test.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        _host = builder.Build();
        if (publishModel) Storage.Models.PublishAsync(TrainedOnce.Bundled, default).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; }

    public InMemoryStorage Storage { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    private readonly List<AsyncServiceScope> _requestScopes = [];

    /// <summary>A request's own services, as a host gives each request a scope; disposed with the app.</summary>
    public IServiceProvider RequestServices()
    {
        var scope = Services.CreateAsyncScope();
        lock (_requestScopes) _requestScopes.Add(scope);
        return scope.ServiceProvider;
    }

    public TOptions Options<TOptions>() where TOptions : class => Get<IOptions<TOptions>>().Value;

    /// <summary>
    /// Replaces what <c>AddExportReadinessStorage</c> registered: the fakes for Core's interfaces, an ephemeral key ring for
    /// data protection, and no Azure client at all. Readiness (<see cref="HealthHandler"/>) and the model bootstrapper
    /// exist to touch storage itself, so they stay for the end-to-end tests; hosted services are dropped, as nothing starts.
    /// </summary>
    private void UseInMemoryStorage(IServiceCollection services)
    {
        services.RemoveAll<StorageClients>();
        services.RemoveAll<HealthHandler>();
        services.RemoveAll<IHostedService>();
        // The key ring's blob repository is configured from StorageClients by a factory: the one factory-made configuration of these options.
        foreach (var keyRing in services.Where(d => d.ServiceType == typeof(IConfigureOptions<KeyManagementOptions>) && d.ImplementationFactory is not null).ToList())
            services.Remove(keyRing);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Storage.AddTo(services);
        services.AddSingleton(Storage);

        var storageAssembly = typeof(StorageClients).Assembly;
        var left = services.Where(d => d.ImplementationType?.Assembly == storageAssembly || d.ImplementationInstance?.GetType().Assembly == storageAssembly).ToList();
        if (left.Count > 0)
            throw new InvalidOperationException($"Storage registrations without an in-memory stand-in: {string.Join(", ", left.Select(d => d.ServiceType.Name))}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _requestScopes) await scope.DisposeAsync();
        if (_host is IAsyncDisposable host) await host.DisposeAsync();
        else _host.Dispose();
    }
}
