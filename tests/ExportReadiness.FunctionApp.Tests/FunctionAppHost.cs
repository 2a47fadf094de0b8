using System.Reflection;
using ExportReadiness.Application.Scoring;
using ExportReadiness.FunctionApp;
using ExportReadiness.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The Function App's own container, composed exactly as its Program.cs composes it, against a real Azurite.
/// The host is built but not started: without the Functions host there is no gRPC channel to start on, so the
/// tests call the functions as the host would, and start the model bootstrapper themselves.
/// </summary>
public sealed class FunctionAppHost : IAsyncDisposable
{
    private readonly Azurite _azurite = new();

    public IHost? Host { get; private set; }

    public IServiceProvider Services => Host!.Services;

    public static async Task<FunctionAppHost> StartAsync(IDictionary<string, string?>? settings = null, bool bootstrapModel = true)
    {
        var app = new FunctionAppHost();
        try
        {
            await app.StartCoreAsync(settings, bootstrapModel);
            return app;
        }
        catch
        {
            await app.DisposeAsync(); // never leave an Azurite behind
            throw;
        }
    }

    private async Task StartCoreAsync(IDictionary<string, string?>? settings, bool bootstrapModel)
    {
        await _azurite.StartAsync();
        // The bundled model trained once for the run, as a deployment that has published one; the bootstrapper loads it.
        if (bootstrapModel) await SeededModel.PublishAsync(_azurite.ConnectionString);
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["ExportReadiness:BootstrapModel"] = bootstrapModel ? "true" : "false",
            // No test but the limit's own may meet the per-client write limit.
            ["ExportReadiness:AnonymousWrites:PermitLimit"] = "1000000",
            // What the Functions host passes its worker. The host is never started here, so nothing connects to it.
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
        });
        // The test's own settings last, so they win over the defaults above.
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddExportReadinessFunctions();
        Host = builder.Build();
        // What starting the host would run: the bootstrapper creates queues and tables and publishes the first model.
        var bootstrapper = Services.GetServices<IHostedService>().OfType<ModelBootstrapper>().Single();
        await bootstrapper.StartAsync(default);
        if (bootstrapModel)
            await Services.GetRequiredService<CurrentModel>().WaitUntilAvailableAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        else
            await Services.GetRequiredService<ExportReadiness.Storage.StorageClients>().EnsureCreatedAsync(default);
    }

    /// <summary>A function class as the worker makes one: from the container, constructor injection.</summary>
    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public static IReadOnlyList<Type> FunctionClasses() =>
        typeof(FunctionAppBuilderExtensions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            foreach (var service in Services.GetServices<IHostedService>().OfType<ModelBootstrapper>()) await service.StopAsync(default);
            Host.Dispose();
        }
        await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FunctionAppCollection : ICollectionFixture<FunctionAppFixture>
{
    public const string Name = "function-app";
}

/// <summary>One Function App container and Azurite, with a model, for the tests of the function-app collection.</summary>
public sealed class FunctionAppFixture : IAsyncLifetime
{
    public FunctionAppHost App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await FunctionAppHost.StartAsync(new Dictionary<string, string?>
        {
            ["ExportReadiness:AdvisorApiKeys"] = "Karin Ek:function-app-test-key-0123456789",
            // A second instead of 45: the sweep test need not wait for a row to age.
            ["ExportReadiness:PendingSweepAge"] = "00:00:01",
        });

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}
