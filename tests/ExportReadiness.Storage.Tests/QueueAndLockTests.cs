using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Storage.Scoring;
using ExportReadiness.Storage.Training;

namespace ExportReadiness.Storage.Tests;

[Collection(StorageCollection.Name)]
public class QueueAndLockTests(StorageFixture storage)
{
    [Fact]
    public async Task Many_scoring_requests_go_out_as_base64_messages_of_at_most_100_ids()
    {
        var queueName = $"scoring-{Guid.NewGuid():N}"[..24];
        var queue = storage.Clients.Queue(StorageNames.ScoringQueue);
        await queue.ClearMessagesAsync();
        var ids = Enumerable.Range(0, 250).Select(i => $"{queueName}{i:D4}").ToList();

        await new StorageScoringQueue(storage.Clients).EnqueueManyAsync("Umeå", ids, default);

        // Read as the Functions host would: raw text that must be base64 of the JSON.
        var raw = new QueueClient(storage.ConnectionString, StorageNames.ScoringQueue);
        var messages = (await raw.ReceiveMessagesAsync(32)).Value;
        var bodies = messages.Select(m => JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString()))).RootElement).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.True(b.GetProperty("assessmentIds").GetArrayLength() <= 100));
        Assert.All(bodies, b => Assert.Equal("Umeå", b.GetProperty("programme").GetString()));
        Assert.Equal(ids.Order(), bodies.SelectMany(b => b.GetProperty("assessmentIds").EnumerateArray().Select(i => i.GetString()!)).Order());
    }

    [Fact]
    public async Task A_lease_lock_has_one_holder_at_a_time_and_is_free_again_after_release()
    {
        var locks = new BlobLeaseLock(storage.Clients);
        var name = $"lock-{Guid.NewGuid():N}";

        var first = await locks.TryAcquireAsync(name, default);
        var second = await locks.TryAcquireAsync(name, default);
        Assert.NotNull(first);
        Assert.Null(second);

        await first.DisposeAsync();
        var third = await locks.TryAcquireAsync(name, default);
        Assert.NotNull(third);
        await third.DisposeAsync();
    }

    [Fact]
    public async Task A_raw_submission_is_archived_byte_for_byte()
    {
        var archive = new BlobSubmissionArchive(storage.Clients);
        var id = Guid.NewGuid().ToString("N");
        var raw = Encoding.UTF8.GetBytes("""{ "company": { "name": "Åre Fjällturer AB" },   "answers": {} }""");

        await archive.SaveAsync(id, raw, default);

        Assert.Equal(raw, (await archive.GetAsync(id, default))!.Value.ToArray());
        Assert.Null(await archive.GetAsync("missing", default));
    }
}
