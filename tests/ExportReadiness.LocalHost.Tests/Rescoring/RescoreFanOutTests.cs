using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ExportReadiness.Application;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests.Rescoring;

/// <summary>
/// The nightly run's re-scoring shared by every instance (issue 19): its parts go through the real <c>rescore-parts</c> queue
/// on Azurite to local queue workers and handler instances the tests start, each part a few rows so that parts also split.
/// Each test starts from a run that has trained and decided (training is <see cref="RescoreTests"/>' business).
/// </summary>
public class RescoreFanOutTests(RescoreFanOutFixture own) : IClassFixture<RescoreFanOutFixture>
{
    private const string OldModel = "19990101T000000Z-old";
    private IServiceProvider Services => own.App.Services;
    private readonly HttpClient _advisor = own.App.CreateAdvisorClient();

    /// <summary>Scored rows of an older model: ids as a batch makes them (a hash first, so spread over parts) and as the web does (time-ordered, one part).</summary>
    private async Task<List<string>> StaleAsync(string programme, int hashed, int timeOrdered)
    {
        var ids = Enumerable.Range(0, hashed).Select(_ => Guid.NewGuid().ToString("N"))
            .Concat(Enumerable.Range(0, timeOrdered).Select(_ => AssessmentIntake.NewId())).ToList();
        var rows = ids.Select(id => AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(id: id, submittedAt: DateTimeOffset.UtcNow)
            with { Status = AssessmentStatus.Scored, Result = ContractData.Result(50, OldModel) }).ToList();
        await Services.GetRequiredService<IAssessmentStore>().AddManyAsync(rows, default);
        return ids;
    }

    /// <summary>A run past its training, queued by the job as the nightly timer queues it.</summary>
    private async Task<ModelRun> QueuedRunAsync()
    {
        var runs = Services.GetRequiredService<IModelRunStore>();
        var now = DateTimeOffset.UtcNow;
        var version = (await Services.GetRequiredService<CurrentModel>().GetAsync(default)).Version;
        await runs.SaveAsync(new ModelRun { Id = runs.NewRunId(now), Trigger = "test", StartedAt = now, Phase = ModelRunPhase.Rescoring, TargetVersion = version }, default);
        var run = await Services.GetRequiredService<RescoreJob>().RunAsync("test", default);
        Assert.Equal(ModelRunStatus.Running, run!.Status);
        return run;
    }

    /// <summary>A handler instance of its own (as on another instance), with parts of at most seven rows.</summary>
    private RescorePartHandler Handler(IAssessmentStore? store = null, IAssessmentRanges? ranges = null) =>
        ActivatorUtilities.CreateInstance<RescorePartHandler>(Services,
            store ?? Services.GetRequiredService<IAssessmentStore>(), ranges ?? Services.GetRequiredService<IAssessmentRanges>(),
            Options.Create(new ExportReadinessOptions { RescorePartSize = 7, RescorePageSize = 3 }));

    /// <summary>A local queue worker on the rescore-parts queue, one message at a time.</summary>
    private QueueTriggerWorker Worker(IQueueFunction function) =>
        ActivatorUtilities.CreateInstance<QueueTriggerWorker>(Services, function,
            Options.Create(new QueueTriggerOptions { BatchSize = 1, NewBatchThreshold = 0, MaxPollingInterval = TimeSpan.FromMilliseconds(100) }));

    private async Task<ModelRun> UntilSettledAsync(ModelRun run, params QueueTriggerWorker[] workers)
    {
        foreach (var worker in workers) await worker.StartAsync(default);
        try
        {
            return await Services.SettledAsync(run);
        }
        finally
        {
            foreach (var worker in workers) await worker.StopAsync(default);
        }
    }

    private async Task<ModelRun> RunRecordAsync(string id)
    {
        var response = await _advisor.GetAsync($"/{Routes.RescoreRuns}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ModelRun>(QuestionnaireSchema.JsonOptions))!;
    }

    private static async Task<DeliveryResult> DeliverAsync(IQueueFunction function, string text, int dequeueCount) =>
        (await function.HandleAsync([new QueueDelivery(text, dequeueCount)], default))[0];

    private async Task<string?> VersionOfAsync(string id) => (await Services.GetRequiredService<IAssessmentStore>().FindAsync(id, default))!.Result!.ModelVersion;

    [Fact]
    public async Task A_rescore_run_fans_its_parts_out_to_two_queue_workers_and_every_stale_row_is_rescored_exactly_once()
    {
        var stale = await StaleAsync(Unique.Programme("fan-out"), hashed: 40, timeOrdered: 20);
        var run = await QueuedRunAsync();
        var counting = new CountingAssessmentStore(Services.GetRequiredService<IAssessmentStore>());
        var handledBy = new ConcurrentQueue<string>();

        var settled = await UntilSettledAsync(run,
            Worker(new TaggedFunction(Handler(counting), "first", handledBy, workers: 2)),
            Worker(new TaggedFunction(Handler(counting), "second", handledBy, workers: 2)));

        Assert.Equal(ModelRunStatus.Completed, settled.Status);
        Assert.Equal(["first", "second"], handledBy.Distinct().Order());
        foreach (var id in stale) Assert.Equal(run.TargetVersion, await VersionOfAsync(id));
        Assert.All(stale, id => Assert.Equal(1, counting.Writes.GetValueOrDefault(id)));
        Assert.Equal(stale.Count, settled.Rescored);
        // Twenty time-ordered ids share one first character: their part, at most seven rows, split twice.
        Assert.True(settled.PartsTotal >= 3, $"{settled.PartsTotal} parts");
        Assert.Equal((settled.PartsTotal, 0), (settled.PartsDone, settled.PartsFailed));
    }

    [Fact]
    public async Task The_run_record_shows_its_parts_done_and_the_rate_of_the_fan_out()
    {
        await StaleAsync(Unique.Programme("record"), hashed: 20, timeOrdered: 10);
        var run = await QueuedRunAsync();
        var queued = await RunRecordAsync(run.Id);

        await UntilSettledAsync(run, Worker(Handler()));
        var record = await RunRecordAsync(run.Id);

        Assert.Equal((ModelRunStatus.Running, 0), (queued.Status, queued.PartsDone));
        Assert.True(queued.PartsTotal > 0);
        Assert.Equal(ModelRunStatus.Completed, record.Status);
        Assert.True(record.PartsTotal >= queued.PartsTotal);
        Assert.Equal((record.PartsTotal, 0), (record.PartsDone, record.PartsFailed));
        Assert.True(record.Rescored >= 30, $"{record.Rescored} re-scored");
        Assert.True(record.RescoredPerSecond > 0, $"{record.RescoredPerSecond} rows/s");
        Assert.NotNull(record.RescoringStartedAt);
        Assert.NotNull(record.EndedAt);
    }

    [Fact]
    public async Task A_part_delivered_twice_changes_nothing_the_second_time()
    {
        var stale = await StaleAsync(Unique.Programme("twice"), hashed: 12, timeOrdered: 0);
        var run = await QueuedRunAsync();
        var queue = Services.GetRequiredService<StorageClients>().Queue(StorageNames.RescorePartsQueue);
        var first = Handler();
        var messages = new List<string>();
        // By hand, so the test keeps each message to deliver it again: every waiting part, split-off remainders included.
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } received)
            foreach (var message in received)
            {
                Assert.Null((await DeliverAsync(first, message.Body.ToString(), (int)message.DequeueCount)).Error);
                messages.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        var once = await Services.SettledAsync(run, seconds: 5);
        var rows = new Dictionary<string, string?>();
        foreach (var id in stale) rows[id] = (await Services.GetRequiredService<IAssessmentStore>().FindAsync(id, default))!.ConcurrencyToken;
        var counting = new CountingAssessmentStore(Services.GetRequiredService<IAssessmentStore>());

        var again = new List<DeliveryResult>();
        foreach (var message in messages) again.Add(await DeliverAsync(Handler(counting), message, 2));

        Assert.Equal(ModelRunStatus.Completed, once.Status);
        Assert.All(again, r => Assert.Equal(RescorePartOutcome.AlreadySettled, r.Outcome));
        Assert.Empty(counting.Writes);
        foreach (var (id, version) in rows) Assert.Equal(version, (await Services.GetRequiredService<IAssessmentStore>().FindAsync(id, default))!.ConcurrencyToken);
        Assert.Equal(once, await Services.GetRequiredService<IModelRunStore>().GetAsync(run.Id, default));
    }

    [Fact]
    public async Task A_part_whose_rows_cannot_be_read_on_any_delivery_ends_failed_in_poison_and_the_run_completes_showing_it()
    {
        var broken = Unique.Programme("broken");
        var unreadable = await StaleAsync(broken, hashed: 0, timeOrdered: 3);
        var readable = await StaleAsync(Unique.Programme("whole"), hashed: 6, timeOrdered: 0);
        var run = await QueuedRunAsync();
        var brokenPart = (await Services.GetRequiredService<IRescorePartStore>().ListAsync(run.Id, default)).Single(p => p.Programme == broken);

        var settled = await UntilSettledAsync(run, Worker(Handler(ranges: new FailingRanges(Services.GetRequiredService<IAssessmentRanges>(), broken))));

        Assert.Equal(ModelRunStatus.Completed, settled.Status);
        Assert.Equal(1, settled.PartsFailed);
        Assert.Equal(settled.PartsTotal - 1, settled.PartsDone);
        var failed = (await Services.GetRequiredService<IRescorePartStore>().GetAsync(run.Id, brokenPart.Id, default))!;
        Assert.Equal(RescorePartStatus.Failed, failed.Status);
        Assert.Contains("cannot be read", failed.Error);
        var poison = Services.GetRequiredService<StorageClients>().Queue(StorageNames.RescorePartsPoisonQueue);
        Assert.Contains((await poison.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(brokenPart.Id, StringComparison.Ordinal));
        foreach (var id in unreadable) Assert.Equal(OldModel, await VersionOfAsync(id));
        foreach (var id in readable) Assert.Equal(run.TargetVersion, await VersionOfAsync(id));
    }

    [Fact]
    public async Task A_second_start_while_a_runs_parts_are_outstanding_is_refused_and_allowed_once_they_are_done()
    {
        await StaleAsync(Unique.Programme("one-at-a-time"), hashed: 5, timeOrdered: 0);
        var run = await QueuedRunAsync();

        var manual = await _advisor.PostAsync($"/{Routes.Rescore}", null);
        var scheduled = await Services.GetRequiredService<RescoreJob>().RunAsync("schedule", default);
        await UntilSettledAsync(run, Worker(Handler()));
        var next = await QueuedRunAsync();
        await UntilSettledAsync(next, Worker(Handler()));

        Assert.Equal(HttpStatusCode.Conflict, manual.StatusCode);
        Assert.Null(scheduled);
        Assert.NotEqual(run.Id, next.Id);
    }
}
