using ExportReadiness.Storage;

namespace ExportReadiness.Application.Tests;

public sealed class CompositionTests : ApplicationTests
{
    [Fact]
    public void Every_store_and_queue_the_handlers_get_is_the_in_memory_one_and_no_azure_client_is_composed()
    {
        foreach (var (service, fake) in App.Storage.Registrations) Assert.Same(fake, App.Services.GetRequiredService(service));
        Assert.Null(App.Services.GetService<StorageClients>());
    }
}
