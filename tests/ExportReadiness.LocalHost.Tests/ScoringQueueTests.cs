using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests;

[Collection(PipelineCollection.Name)]
public class ScoringQueueTests(PipelineFixture pipeline)
{
    private readonly HttpClient _client = pipeline.App.CreateClient();
    private QueueClient Poison => pipeline.App.Storage.Queue(StorageNames.ScoringPoisonQueue);

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_the_poison_queue_and_holds_up_nothing()
    {
        var marker = Guid.NewGuid().ToString("N");
        // Sent without the host's base64 encoding, as a hand-made or foreign message would be.
        var raw = new QueueClient(pipeline.Azurite.ConnectionString, StorageNames.ScoringQueue);
        await raw.SendMessageAsync($"{{not base64 {marker}}}");
        var good = await _client.SubmitAsync(AssessmentBuilder.Mixed());

        await _client.WaitForStatusAsync(good.Id, good.AccessToken);
        var poisoned = await WaitForPoisonAsync(marker, expected: 1);
        Assert.Equal($"{{not base64 {marker}}}", poisoned.Single());
    }

    /// <summary>
    /// The poison queue's messages naming <paramref name="marker"/>, read page by page (a peek sees only the first 32
    /// of a queue other tests poison too); each page read is hidden for a second, which nobody else reading it minds.
    /// </summary>
    private async Task<List<string>> WaitForPoisonAsync(string marker, int expected)
    {
        var ours = new Dictionary<string, string>(StringComparer.Ordinal);
        await Until.TrueAsync(async () =>
        {
            while ((await Poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value is { Length: > 0 } page)
                foreach (var message in page.Where(m => m.Body.ToString().Contains(marker, StringComparison.Ordinal))) ours[message.MessageId] = message.Body.ToString();
            return ours.Count >= expected;
        }, $"{expected} messages reached the poison queue");
        return [.. ours.Values];
    }
}
