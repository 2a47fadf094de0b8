using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using ExportReadiness.Application.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The Function App's queue and timer functions, resolved from its own container and called as the Functions
/// host calls them, against Azurite: the same outcomes the local host's drivers give (see the local host's tests).
/// </summary>
[Collection(FunctionAppCollection.Name)]
public class QueueAndTimerFunctionTests(FunctionAppFixture fixture)
{
    private IServiceProvider Services => fixture.App.Services;

    /// <summary>A delivery as the host binds it: the decoded body and how often the message has been dequeued.</summary>
    private static QueueMessage Delivery(string body, long dequeueCount) =>
        QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "pop", new BinaryData(Encoding.UTF8.GetBytes(body)), dequeueCount);

    private async Task<Assessment> StoredAsync(AssessmentBuilder builder, string programme)
    {
        var submission = builder.InProgramme(programme).ToSubmission();
        var assessment = new Assessment
        {
            Id = AssessmentIntake.NewId(), Programme = programme, SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        };
        await Services.GetRequiredService<IAssessmentStore>().AddAsync(assessment, default);
        return assessment;
    }

    [Fact]
    public void Every_function_class_resolves_from_the_function_apps_own_container()
    {
        var classes = FunctionAppHost.FunctionClasses();
        // Every class the generated metadata names is among them: none is left for the worker to fail on.
        Assert.Equal(FunctionMetadataTests.EntryPointClasses().Order(), classes.Select(t => t.FullName!).Order());
        var failures = new List<string>();
        foreach (var type in classes)
        {
            try
            {
                ActivatorUtilities.CreateInstance(Services, type);
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{type.Name}: {e.Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_message_delivered_twice_to_score_assessment_leaves_one_result()
    {
        var assessment = await StoredAsync(AssessmentBuilder.Mixed(), Unique.Programme("fa-scoring"));
        var function = fixture.App.Function<ScoreAssessmentFunction>();
        var message = JsonSerializer.Serialize(new { assessmentId = assessment.Id });

        await function.ScoreAssessment(Delivery(message, 1), default);
        var first = await Services.GetRequiredService<IAssessmentStore>().FindAsync(assessment.Id, default);
        await function.ScoreAssessment(Delivery(message, 2), default);
        var second = await Services.GetRequiredService<IAssessmentStore>().FindAsync(assessment.Id, default);

        Assert.Equal(AssessmentStatus.Scored, first!.Status);
        Assert.Equal(Services.GetRequiredService<CurrentModel>().Loaded!.Version, first.Result!.ModelVersion);
        Assert.Equal(first.Result.ScoredAt, second!.Result!.ScoredAt);
    }

    [Fact]
    public async Task A_message_that_can_never_be_handled_throws_so_the_host_retries_and_poisons_it()
    {
        var function = fixture.App.Function<ScoreAssessmentFunction>();
        await Assert.ThrowsAsync<MalformedMessageException>(() => function.ScoreAssessment(Delivery("not json", 1), default));
        await Assert.ThrowsAsync<MalformedMessageException>(() => function.ScoreAssessment(Delivery("""{"assessmentId":"a/b"}""", 1), default));
    }

    [Fact]
    public async Task An_assessment_that_cannot_be_scored_is_marked_failed_on_the_last_delivery_the_host_makes()
    {
        var broken = await StoredAsync(AssessmentBuilder.Mixed(), Unique.Programme("fa-failing"));
        var question = broken.Answers.First(a => a.Value.Choice is not null).Key;
        broken = broken with { Answers = new Dictionary<string, Answer>(broken.Answers) { [question] = Answer.Of("no-longer-an-option") } };
        Assert.True(await Services.GetRequiredService<IAssessmentStore>().TryReplaceAsync(broken, default));
        var function = fixture.App.Function<ScoreAssessmentFunction>();
        var message = JsonSerializer.Serialize(new { assessmentId = broken.Id });

        // The Function App reads maxDequeueCount from the same options the local host does (equal to host.json's, FunctionMetadataTests).
        var last = Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value.MaxDequeueCount;
        for (var delivery = 1; delivery < last; delivery++)
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => function.ScoreAssessment(Delivery(message, delivery), default));
            Assert.Equal(AssessmentStatus.Pending, (await Services.GetRequiredService<IAssessmentStore>().FindAsync(broken.Id, default))!.Status);
        }
        await Assert.ThrowsAsync<InvalidDataException>(() => function.ScoreAssessment(Delivery(message, last), default));
        Assert.Equal(AssessmentStatus.Failed, (await Services.GetRequiredService<IAssessmentStore>().FindAsync(broken.Id, default))!.Status);
    }

    [Fact]
    public async Task Ingest_batch_turns_an_uploaded_file_into_assessments_that_score_assessment_scores()
    {
        var batches = Services.GetRequiredService<IBatchStore>();
        var id = Guid.NewGuid().ToString("N");
        var csv = new BatchFileBuilder().AddMany(3, _ => AssessmentBuilder.Mixed()).Add(AssessmentBuilder.Mixed(), row => row["employees"] = "many").ToCsv();
        await batches.SaveInputAsync(id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), default);
        Assert.True(await batches.TryAddAsync(new Batch { Id = id, DefaultProgramme = Unique.Programme("fa-batch"), UploadedAt = DateTimeOffset.UtcNow, SizeBytes = csv.Length }, default));

        await fixture.App.Function<IngestBatchFunction>().IngestBatch(Delivery(JsonSerializer.Serialize(new { batchId = id }), 1), default);

        var batch = (await batches.GetAsync(id, default))!;
        Assert.Equal(BatchStatus.Ingested, batch.Status);
        Assert.Equal((4, 3, 1), (batch.Rows, batch.Accepted, batch.Rejected));
        var first = (await Services.GetRequiredService<IAssessmentStore>().FindAsync(batch.AssessmentId(2), default))!;
        Assert.Equal(AssessmentStatus.Pending, first.Status);
        await fixture.App.Function<ScoreAssessmentFunction>().ScoreAssessment(Delivery(JsonSerializer.Serialize(new { assessmentId = first.Id }), 1), default);
        Assert.Equal(AssessmentStatus.Scored, (await Services.GetRequiredService<IAssessmentStore>().FindAsync(first.Id, default))!.Status);
    }

    [Fact]
    public async Task The_pending_sweep_timer_sends_the_scoring_message_of_a_row_left_without_one()
    {
        // As a process that died between writing the row and sending its message leaves it.
        var orphan = await StoredAsync(AssessmentBuilder.Mixed(), Unique.Programme("fa-orphan"));
        // The sweep as it runs a minute later (the row is then older than the sweep age), not a test waiting for it.
        var aMinuteLater = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        var sweeper = ActivatorUtilities.CreateInstance<PendingSweeper>(Services, (TimeProvider)aMinuteLater);

        await ActivatorUtilities.CreateInstance<SweepPendingFunction>(Services, sweeper).SweepPending(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);

        var message = Assert.Single(await ScoringMessagesAsync(), b => b.Contains(orphan.Id, StringComparison.Ordinal));
        Assert.Contains(ScoringMessage.Parse(message), r => r.AssessmentId == orphan.Id);
        await fixture.App.Function<ScoreAssessmentFunction>().ScoreAssessment(Delivery(message, 1), default);
        Assert.Equal(AssessmentStatus.Scored, (await Services.GetRequiredService<IAssessmentStore>().FindAsync(orphan.Id, default))!.Status);
    }

    /// <summary>Every message waiting in the scoring queue (no worker runs here), each hidden for a minute once read.</summary>
    private async Task<List<string>> ScoringMessagesAsync()
    {
        var queue = Services.GetRequiredService<ExportReadiness.Storage.StorageClients>().Queue(ExportReadiness.Storage.StorageNames.ScoringQueue);
        var bodies = new List<string>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value is { Length: > 0 } received)
            bodies.AddRange(received.Select(m => m.Body.ToString()));
        return bodies;
    }

    [Fact]
    public async Task The_nightly_rescore_timer_records_a_model_run_that_its_part_functions_complete()
    {
        var before = (await Services.GetRequiredService<IModelRunStore>().RecentAsync(100, default)).Select(r => r.Id).ToHashSet();
        var stale = await StoredAsync(AssessmentBuilder.Mixed(), Unique.Programme("timer"));
        var store = Services.GetRequiredService<IAssessmentStore>();
        Assert.True(await store.TryReplaceAsync(stale with
        {
            Status = AssessmentStatus.Scored, Result = ExportReadiness.Testing.Contracts.ContractData.Result(50, "19990101T000000Z-old"),
            ConcurrencyToken = (await store.FindAsync(stale.Id, default))!.ConcurrencyToken,
        }, default));

        await fixture.App.Function<NightlyRescoreFunction>().NightlyRescore(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);
        var queued = Assert.Single(await Services.GetRequiredService<IModelRunStore>().RecentAsync(100, default), r => !before.Contains(r.Id));
        // No worker runs here: the host would trigger RescorePart once per message.
        var queue = Services.GetRequiredService<ExportReadiness.Storage.StorageClients>().Queue(ExportReadiness.Storage.StorageNames.RescorePartsQueue);
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } received)
            foreach (var message in received)
            {
                await fixture.App.Function<RescorePartFunction>().RescorePart(Delivery(message.Body.ToString(), message.DequeueCount), default);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

        var run = (await Services.GetRequiredService<IModelRunStore>().GetAsync(queued.Id, default))!;
        Assert.Equal(ModelRunStatus.Running, queued.Status);
        Assert.True(queued.PartsTotal > 0);
        Assert.Equal("timer", run.Trigger);
        Assert.Equal(ModelRunStatus.Completed, run.Status);
        Assert.Equal(run.PartsTotal, run.PartsDone);
        Assert.Equal(run.TargetVersion, (await store.FindAsync(stale.Id, default))!.Result!.ModelVersion);
        Assert.NotNull(run.Decision);
        // The challenger's three gates are on record: monotone, not worse than the rubric, log-loss.
        Assert.Equal(0, run.ChallengerMonotonicityViolations);
        Assert.True(run.MonotonicityChecks >= 10_000);
        Assert.NotNull(run.RubricAuc);
        Assert.NotNull(run.ChallengerLogLoss);
    }
}

/// <summary>A new deployment: no model is published yet (bootstrapping off, so none ever will be).</summary>
public class NoModelYetFunctionTests : IAsyncLifetime
{
    private FunctionAppHost _app = null!;

    public async Task InitializeAsync() =>
        _app = await FunctionAppHost.StartAsync(new Dictionary<string, string?> { ["ExportReadiness:ModelWait"] = "00:00:01" }, bootstrapModel: false);

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_scoring_message_before_any_model_fails_for_a_retry_and_its_last_delivery_marks_the_assessment_failed()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var store = _app.Services.GetRequiredService<IAssessmentStore>();
        var id = AssessmentIntake.NewId();
        await store.AddAsync(new Assessment
        {
            Id = id, Programme = Unique.Programme("no-model"), SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        }, default);
        var function = _app.Function<ScoreAssessmentFunction>();
        var message = JsonSerializer.Serialize(new { assessmentId = id });
        QueueMessage Delivery(long count) => QueuesModelFactory.QueueMessage("m", "p", new BinaryData(Encoding.UTF8.GetBytes(message)), count);

        var last = _app.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value.MaxDequeueCount;
        await Assert.ThrowsAsync<ModelUnavailableException>(() => function.ScoreAssessment(Delivery(last - 1), default));
        Assert.Equal(AssessmentStatus.Pending, (await store.FindAsync(id, default))!.Status);
        await Assert.ThrowsAsync<ModelUnavailableException>(() => function.ScoreAssessment(Delivery(last), default));
        Assert.Equal(AssessmentStatus.Failed, (await store.FindAsync(id, default))!.Status);
    }
}
