using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Functions.Scoring;
using ExportReadiness.Storage;
using ExportReadiness.Testing;

namespace ExportReadiness.Functions.Tests;

[Collection(PipelineCollection.Name)]
public class ScoringQueueTests(PipelineFixture pipeline)
{
    private readonly HttpClient _client = pipeline.App.CreateClient();
    private QueueClient Queue => pipeline.App.Storage.Queue(StorageNames.ScoringQueue);
    private QueueClient Poison => pipeline.App.Storage.Queue(StorageNames.ScoringPoisonQueue);

    [Fact]
    public async Task A_malformed_message_ends_in_the_poison_queue_while_good_ones_still_score()
    {
        var marker = Guid.NewGuid().ToString("N");
        await Queue.SendMessageAsync($"not json {marker}");
        await Queue.SendMessageAsync($$"""{"assessmentId":"unknown-{{marker}}"}""");
        var good = await _client.SubmitAsync(AssessmentBuilder.Strong());

        await _client.WaitForStatusAsync(good.Id, good.AccessToken);
        var poisoned = await WaitForPoisonAsync(marker, expected: 2);
        Assert.Contains(poisoned, m => m == $"not json {marker}");
    }

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
        Assert.Equal(ScoringOutcome.AlreadyScored, await handler.HandleAsync(JsonSerializer.Serialize(new { assessmentId = accepted.Id }), 1, default));
        var after = await _client.GetAssessmentAsync(accepted.Id, accepted.AccessToken);
        Assert.Equal(first.Result!.ScoredAt, after!.Result!.ScoredAt);
        Assert.Equal(first.Result.ReadinessScore, after.Result.ReadinessScore);
    }

    [Fact]
    public async Task The_invocation_endpoint_scores_a_host_shaped_queue_payload()
    {
        // Written straight to the store, not enqueued: only the invocation can score it.
        var store = pipeline.App.Services.GetRequiredService<IAssessmentStore>();
        var submission = AssessmentBuilder.Mixed().InSector("tourism").ToSubmission();
        var id = AssessmentIntake.NewId();
        var token = AccessToken.Create();
        await store.AddAsync(new Assessment
        {
            Id = id, Programme = "invocations", SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = AccessToken.Hash(token),
        }, default);

        // As the Functions host sends it: the message JSON-encoded once more, DequeueCount as a string.
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(JsonSerializer.Serialize(new { assessmentId = id })) },
            ["Metadata"] = new JsonObject { ["DequeueCount"] = "1", ["Id"] = Guid.NewGuid().ToString(), ["sys"] = new JsonObject { ["MethodName"] = "ScoreAssessment" } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ScoreAssessment") { Content = new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.True(body.TryGetProperty("ReturnValue", out _));
        Assert.Equal(AssessmentStatus.Scored, (await _client.GetAssessmentAsync(id, token))!.Status);
    }

    [Theory]
    [InlineData("/NightlyRescore", "exready-func.azurewebsites.net", null)]
    [InlineData("/ScoreAssessment", null, "4f0c5c1e9d0a")]
    [InlineData("/IngestBatch", "exready-func.azurewebsites.net", "4f0c5c1e9d0a")]
    public async Task An_outside_request_forwarded_to_an_invocation_endpoint_is_not_found(string path, string? publicHost, string? frontEndLogId)
    {
        // What the host's catch-all HTTP function would forward from a caller on the internet.
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("""{"Data":{"message":"{\"assessmentId\":\"x\"}"},"Metadata":{"DequeueCount":"1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (publicHost is not null) request.Headers.Host = publicHost;
        if (frontEndLogId is not null) request.Headers.Add("X-ARR-LOG-ID", frontEndLogId);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_invocation_with_an_unusable_message_fails_without_a_500()
    {
        var malformed = await _client.PostJsonAsync("/ScoreAssessment", """{"Data":{"message":"\"not an object\""},"Metadata":{"DequeueCount":"2"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var unknown = await _client.PostJsonAsync("/ScoreAssessment", """{"Data":{"message":"{\"assessmentId\":\"does-not-exist\"}"},"Metadata":{"DequeueCount":1}}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        var empty = await _client.PostJsonAsync("/ScoreAssessment", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task An_assessment_that_cannot_be_scored_fails_alone_and_is_marked_failed_on_its_last_delivery()
    {
        var store = pipeline.App.Services.GetRequiredService<IAssessmentStore>();
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var question = submission.Answers.First(a => a.Value.Choice is not null).Key;
        var broken = new Assessment
        {
            Id = AssessmentIntake.NewId(), Programme = "broken", SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
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
            new Queues.QueueDelivery(JsonSerializer.Serialize(new { assessmentId = broken.Id }), 5),
            new Queues.QueueDelivery(JsonSerializer.Serialize(new { assessmentId = fine.Id }), 1),
        ], default);

        Assert.IsType<InvalidDataException>(results[0].Error);
        Assert.Null(results[1].Error);
        Assert.Equal(AssessmentStatus.Failed, (await store.FindAsync(broken.Id, default))!.Status);
        Assert.Equal(AssessmentStatus.Scored, (await store.FindAsync(fine.Id, default))!.Status);
    }

    private async Task<List<string>> WaitForPoisonAsync(string marker, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var peeked = await Poison.PeekMessagesAsync(32);
            var ours = peeked.Value.Select(m => m.Body.ToString()).Where(b => b.Contains(marker, StringComparison.Ordinal)).ToList();
            if (ours.Count >= expected) return ours;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Only {ours.Count} of {expected} messages reached the poison queue.");
            await Task.Delay(200);
        }
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
