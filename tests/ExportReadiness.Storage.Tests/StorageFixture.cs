using ExportReadiness.Testing;

namespace ExportReadiness.Storage.Tests;

/// <summary>One real Azurite for the adapter tests, with every container, queue and table created.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private readonly Azurite _azurite = new();

    public StorageClients Clients { get; private set; } = null!;

    public string ConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await _azurite.StartAsync();
        Clients = new StorageClients(_azurite.ConnectionString);
        await Clients.EnsureCreatedAsync(default);
    }

    public Task DisposeAsync() => _azurite.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite storage";
}
