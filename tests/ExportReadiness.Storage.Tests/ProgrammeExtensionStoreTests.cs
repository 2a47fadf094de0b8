using System.Text;
using ExportReadiness.Storage.Programmes;

namespace ExportReadiness.Storage.Tests;

[Collection(StorageCollection.Name)]
public class ProgrammeExtensionStoreTests(StorageFixture storage)
{
    [Fact]
    public async Task The_extension_is_absent_until_saved_then_read_back_byte_for_byte_with_a_new_version_per_save()
    {
        var blob = storage.Clients.Container(StorageNames.ProgrammesContainer).GetBlobClient(StorageNames.ProgrammeExtensionBlob);
        await blob.DeleteIfExistsAsync();
        var store = new BlobProgrammeExtensionStore(storage.Clients);
        Assert.Null(await store.GetAsync(default));

        // The advisor's own layout and Swedish letters, exactly as sent.
        var first = Encoding.UTF8.GetBytes("{ \"schemaVersion\": 1,\n  \"programmes\": [] } // Växjö");
        var version1 = await store.SaveAsync(first, default);
        var read = await store.GetAsync(default);
        Assert.Equal(first, read!.Json.ToArray());
        Assert.Equal(version1, read.Version);

        var version2 = await store.SaveAsync(Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"programmes\":[]}"), default);
        Assert.NotEqual(version1, version2);
        Assert.Equal(version2, (await store.GetAsync(default))!.Version);
        await blob.DeleteIfExistsAsync();
    }
}
