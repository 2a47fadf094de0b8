using System.Text.Json;
using ExportReadiness.Application.Batches;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;

namespace ExportReadiness.Application.Tests.Batches;

public sealed class IngestBatchHandlerTests : ApplicationTests
{
    private IngestBatchHandler Handler => App.Get<IngestBatchHandler>();

    private static string Message(string batchId) => JsonSerializer.Serialize(new { batchId });

    [Fact]
    public async Task Good_rows_become_pending_assessments_sent_for_scoring_and_each_bad_line_is_logged_with_its_reason()
    {
        var enumQuestion = QuestionnaireSchema.V1.Questions.First(q => q.Type == QuestionType.Choice && q.AppliesTo is null && q.Required);
        var csv = new BatchFileBuilder()
            .Add(AssessmentBuilder.Strong().Named("Luleå Stål AB").InSector("mining"))
            .Add(AssessmentBuilder.Mixed().Named("Ok Trä AB"), row => row["employees"] = "many")          // line 3
            .Add(AssessmentBuilder.Weak().Named("Kalix Fisk AB").InSector("food"))
            .Add(AssessmentBuilder.Mixed().Named("Utan Svar AB"), row => row[enumQuestion.Id] = "kanske") // line 5
            .Add(AssessmentBuilder.Mixed().InSector("tourism").Named("Abisko Turism AB"))
            .ToCsv();
        var id = await App.UploadedAsync(csv);

        await App.IngestWaitingAsync();

        var batch = await App.BatchAsync(id);
        Assert.Equal((BatchStatus.Ingested, 5, 3, 2), (batch.Status, batch.Rows, batch.Accepted, batch.Rejected));
        Assert.Equal(App.Clock.GetUtcNow(), batch.IngestedAt);
        var stored = new List<Assessment>();
        await foreach (var a in App.Storage.Assessments.ScanAsync(new AssessmentQuery(BatchId: id), default)) stored.Add(a);
        Assert.Equal(["Abisko Turism AB", "Kalix Fisk AB", "Luleå Stål AB"], stored.Select(a => a.Company.Name).Order(StringComparer.Ordinal));
        Assert.All(stored, a => Assert.Equal((AssessmentStatus.Pending, "umea", batch.UploadedAt), (a.Status, a.Programme, a.SubmittedAt)));
        Assert.Equal(stored.Select(a => a.Id).Order(StringComparer.Ordinal), App.Storage.ScoringQueue.SentIds.Order(StringComparer.Ordinal));

        var english = await App.ViewAsync(id);
        Assert.Equal([3L, 5L], english.Rejections.Select(r => r.Line));
        Assert.Equal("employees: Expected a number.", english.Rejections[0].Reason);
        Assert.Contains(enumQuestion.Id, english.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Equal("employees: Förväntade ett tal.", (await App.ViewAsync(id, "sv-SE")).Rejections[0].Reason);
        // Every rejected line as a file an advisor opens: the reason in English, then in Swedish.
        var download = await App.Get($"/api/batches/{id}/rejected.csv").AsAdvisorAsync();
        var (status, file) = await (await App.Get<BatchHandlers>().RejectedCsv(id, download.Request, default)).RenderAsync(download);
        var lines = file.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal((200, "line,reason,reason_sv"), (status, lines[0]));
        Assert.Equal(["3", "5"], lines[1..].Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Once_scored_the_batchs_rows_are_counted_as_scored()
    {
        var id = await App.UploadedAsync(new BatchFileBuilder().AddMany(3, i => AssessmentBuilder.Mixed().Named($"Rad {i} AB")).ToCsv());
        await App.IngestWaitingAsync();
        Assert.Equal(0, (await App.ViewAsync(id)).Scored);

        await App.ScoreWaitingAsync();

        Assert.Equal(3, (await App.ViewAsync(id)).Scored);
    }

    [Fact]
    public async Task Ingested_rows_are_in_the_sweeps_pending_index_until_they_are_scored()
    {
        var id = await App.UploadedAsync(new BatchFileBuilder().AddMany(3, i => AssessmentBuilder.Mixed().Named($"Index {i} AB")).ToCsv());
        await App.IngestWaitingAsync();
        var batch = await App.BatchAsync(id);
        var rows = Enumerable.Range(2, 3).Select(line => batch.AssessmentId(line)).ToList();
        Assert.All(rows, row => Assert.True(App.Storage.Assessments.IsIndexedAsPending(row)));

        await App.ScoreWaitingAsync();

        Assert.All(rows, row => Assert.False(App.Storage.Assessments.IsIndexedAsPending(row)));
    }

    [Fact]
    public async Task The_same_batch_delivered_again_once_ingested_adds_sends_and_counts_nothing_more()
    {
        var id = await App.UploadedAsync(new BatchFileBuilder().AddMany(4, i => AssessmentBuilder.Mixed().Named($"Dubblett {i} AB")).ToCsv());
        await App.IngestWaitingAsync();
        var first = await App.BatchAsync(id);

        var again = await Handler.DeliverAsync(Message(id));

        Assert.Equal("AlreadyIngested", again.Outcome);
        Assert.Equal(first, await App.BatchAsync(id));
        Assert.Equal(4, App.Storage.ScoringQueue.SentIds.Count);
        Assert.Equal(4, await App.Storage.Assessments.CountAsync(new AssessmentQuery(BatchId: id), default));
    }

    [Fact]
    public async Task A_delivery_after_a_crash_resumes_after_its_checkpoint_without_adding_sending_or_counting_twice()
    {
        // Storage fails at the second chunk's scoring messages, after the first chunk was checkpointed: a chunk is 500
        // rows or more, up to the end of a slice (line 599), and sends a message per slice (lines 2–99, …, 500–599).
        await using var app = new ApplicationUnderTest(services: s => s.AddSingleton<IScoringQueue>(sp =>
            new ScoringQueueFailingOnce(sp.GetRequiredService<InMemoryStorage>().ScoringQueue, failingCall: 7)));
        var csv = new BatchFileBuilder()
            .AddMany(9, i => AssessmentBuilder.Mixed().Named($"Före {i} AB"))
            .Add(AssessmentBuilder.Mixed().Named("Trasig AB"), row => row["employees"] = "many") // line 11
            .AddMany(1090, i => AssessmentBuilder.Mixed().Named($"Efter {i} AB"))
            .ToCsv();
        var id = await app.UploadedAsync(csv);
        var message = Assert.Single(app.Storage.BatchQueue.Drain());
        var handler = app.Get<IngestBatchHandler>();

        var crashed = await handler.DeliverAsync(message, dequeueCount: 1);

        Assert.IsType<IOException>(crashed.Error);
        var checkpoint = await app.BatchAsync(id);
        Assert.Equal((BatchStatus.Ingesting, 599L, 598, 597, 1), (checkpoint.Status, checkpoint.CheckpointLine, checkpoint.Rows, checkpoint.Accepted, checkpoint.Rejected));

        var resumed = await handler.DeliverAsync(message, dequeueCount: 2);

        Assert.Equal("Ingested", resumed.Outcome);
        var batch = await app.BatchAsync(id);
        Assert.Equal((BatchStatus.Ingested, 1100, 1099, 1), (batch.Status, batch.Rows, batch.Accepted, batch.Rejected));
        Assert.Equal(1099, await app.Storage.Assessments.CountAsync(new AssessmentQuery(BatchId: id), default));
        var sent = app.Storage.ScoringQueue.SentIds;
        Assert.Equal(1099, sent.Count);
        Assert.Equal(sent.Count, sent.Distinct().Count());
        // The line rejected before the checkpoint is in the rejections file the resumed delivery wrote.
        Assert.Equal([11L], (await app.ViewAsync(id)).Rejections.Select(r => r.Line));
    }

    [Fact]
    public async Task A_row_naming_a_product_reassesses_its_latest_assessment_and_one_naming_no_product_is_rejected()
    {
        var (earlier, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed().Named("Tidigare AB"));
        var csv = new BatchFileBuilder()
            .Add(AssessmentBuilder.Strong().Named("Tidigare AB"), row => row[AssessmentCsv.ProductIdColumn] = earlier)
            .Add(AssessmentBuilder.Mixed().Named("Okänd AB"), row => row[AssessmentCsv.ProductIdColumn] = "no-such-product") // line 3
            .ToCsv();
        var id = await App.UploadedAsync(csv);

        await App.IngestWaitingAsync();

        var history = await App.Storage.Assessments.ProductHistoryAsync(earlier, null, default);
        Assert.Equal([earlier, (await App.BatchAsync(id)).AssessmentId(2)], history.Select(a => a.Id));
        Assert.Equal(earlier, history[1].PreviousAssessmentId);
        var rejected = Assert.Single((await App.ViewAsync(id)).Rejections);
        Assert.Equal(3, rejected.Line);
        Assert.Contains("no-such-product", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_cannot_be_ingested_is_marked_failed_with_its_reason_only_on_the_last_delivery()
    {
        // A batch row whose uploaded file is gone: every delivery fails.
        var id = Guid.NewGuid().ToString("N");
        Assert.True(await App.Storage.Batches.TryAddAsync(new Batch { Id = id, DefaultProgramme = "umea", UploadedAt = App.Clock.GetUtcNow(), SizeBytes = 10 }, default));

        var early = await Handler.DeliverAsync(Message(id), dequeueCount: 1);
        Assert.NotNull(early.Error);
        Assert.Equal(BatchStatus.Ingesting, (await App.BatchAsync(id)).Status);

        var last = await Handler.DeliverAsync(Message(id), dequeueCount: App.Options<QueueTriggerOptions>().MaxDequeueCount);

        var failed = await App.BatchAsync(id);
        Assert.Equal(BatchStatus.Failed, failed.Status);
        Assert.Equal(last.Error!.Message, failed.FailureReason);
    }

    /// <summary>The in-memory queue, except that one call of many fails as storage going away would fail it.</summary>
    private sealed class ScoringQueueFailingOnce(IScoringQueue inner, int failingCall) : IScoringQueue
    {
        private int _calls;

        public Task EnqueueAsync(ScoringRequest request, CancellationToken cancellationToken) => inner.EnqueueAsync(request, cancellationToken);

        public Task EnqueueManyAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == failingCall
                ? throw new IOException("The connection to storage was reset.")
                : inner.EnqueueManyAsync(programme, assessmentIds, cancellationToken);

        public Task EnqueueSliceAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == failingCall
                ? throw new IOException("The connection to storage was reset.")
                : inner.EnqueueSliceAsync(programme, assessmentIds, cancellationToken);
    }
}
