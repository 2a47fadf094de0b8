using ExportReadiness.Storage;

namespace ExportReadiness.Application.Tests;

public sealed class CompositionTests : IAsyncLifetime
{
    private readonly ApplicationUnderTest _app = new();

    [Fact]
    public void Every_store_and_queue_the_handlers_get_is_the_in_memory_one_and_no_azure_client_is_composed()
    {
        foreach (var (service, fake) in _app.Storage.Registrations) Assert.Same(fake, _app.Services.GetRequiredService(service));
        Assert.Null(_app.Services.GetService<StorageClients>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();
}
