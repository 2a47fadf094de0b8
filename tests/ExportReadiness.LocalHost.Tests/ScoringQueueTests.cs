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
    private QueueClient Queue => pipeline.App.Storage.Queue(StorageNames.ScoringQueue);
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

    [Fact]
    public async Task A_duplicate_message_leaves_one_result()
    {
        var accepted = await _client.SubmitAsync(AssessmentBuilder.Mixed());
        var first = await _client.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        await Queue.SendMessageAsync(JsonSerializer.Serialize(new { assessmentId = accepted.Id }));
        await Queue.SendMessageAsync(JsonSerializer.Serialize(new { assessmentId = accepted.Id }));
        await WaitForQueueToDrainAsync();

        var handler = pipeline.App.Services.GetRequiredService<ScoreAssessmentHandler>();
        Assert.Equal(ScoringOutcome.AlreadyScored, await handler.HandleOneAsync(JsonSerializer.Serialize(new { assessmentId = accepted.Id }), 1, default));
        var after = await _client.GetAssessmentAsync(accepted.Id, accepted.AccessToken);
        Assert.Equal(first.Result!.ScoredAt, after!.Result!.ScoredAt);
        Assert.Equal(first.Result.ReadinessScore, after.Result.ReadinessScore);
    }

    [Fact]
    public async Task An_assessment_that_cannot_be_scored_fails_alone_and_is_marked_failed_on_its_last_delivery()
    {
        var store = pipeline.App.Services.GetRequiredService<IAssessmentStore>();
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var question = submission.Answers.First(a => a.Value.Choice is not null).Key;
        var broken = new Assessment
        {
            Id = AssessmentIntake.NewId(), Programme = Unique.Programme("broken"), SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            // An option value the questionnaire does not know (as if stored under an older schema).
            Answers = new Dictionary<string, Core.Questionnaire.Answer>(submission.Answers) { [question] = Core.Questionnaire.Answer.Of("retired-option") },
            SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        };
        var fine = broken with { Id = AssessmentIntake.NewId(), Answers = submission.Answers };
        await store.AddAsync(broken, default);
        await store.AddAsync(fine, default);

        var handler = pipeline.App.Services.GetRequiredService<ScoreAssessmentHandler>();
        var results = await handler.HandleAsync(
        [
            new QueueDelivery(JsonSerializer.Serialize(new { assessmentId = broken.Id }), pipeline.App.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value.MaxDequeueCount),
            new QueueDelivery(JsonSerializer.Serialize(new { assessmentId = fine.Id }), 1),
        ], default);

        Assert.IsType<InvalidDataException>(results[0].Error);
        Assert.Null(results[1].Error);
        Assert.Equal(AssessmentStatus.Failed, (await store.FindAsync(broken.Id, default))!.Status);
        Assert.Equal(AssessmentStatus.Scored, (await store.FindAsync(fine.Id, default))!.Status);
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

    private async Task WaitForQueueToDrainAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The scoring queue did not drain.");
            await Task.Delay(100);
        }
    }
}
