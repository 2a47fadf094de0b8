using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Azurite for a test class or collection: started before its first test, killed after its last.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly Azurite _azurite = new();

    public string ConnectionString => _azurite.ConnectionString;

    public static string RepositoryRoot() => Azurite.RepositoryRoot();

    public Task InitializeAsync() => _azurite.StartAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync().AsTask();
}
