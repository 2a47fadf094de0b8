using ExportReadiness.Application.Hosting;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests.Rescoring;

/// <summary>
/// An Azurite and an app of their own whose RescorePart trigger is off, so that the tests decide which queue workers and
/// handler instances take the run's parts up.
/// </summary>
public sealed class RescoreFanOutFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();
    public ExportReadinessApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        await SeededModel.PublishAsync(Azurite.ConnectionString);
        App = new ExportReadinessApplication(Azurite.ConnectionString, new Dictionary<string, string?> { [$"AzureWebJobs:{LocalTriggers.RescorePart}:Disabled"] = "true" });
        App.StartServer();
        await App.Services.GetRequiredService<CurrentModel>().WaitUntilAvailableAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
