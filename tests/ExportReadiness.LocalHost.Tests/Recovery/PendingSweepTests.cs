using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests.Recovery;

/// <summary>A submission is never half-accepted: a Pending row without its scoring message gets one.</summary>
[Collection(PipelineCollection.Name)]
public class PendingSweepTests(PipelineFixture pipeline)
{
    private IAssessmentStore Store => pipeline.App.Services.GetRequiredService<IAssessmentStore>();

    /// <summary>The real clock moved on: what a sweep that long after the row was written sees.</summary>
    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    /// <summary>Collects what would be sent instead of sending it, so the row stays Pending between sweeps.</summary>
    private sealed class RecordingQueue : IScoringQueue
    {
        public List<string> Sent { get; } = [];

        public Task EnqueueAsync(ScoringRequest request, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.Add(request.AssessmentId);
            return Task.CompletedTask;
        }

        public Task EnqueueManyAsync(string programme, IReadOnlyList<string> assessmentIds, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.AddRange(assessmentIds);
            return Task.CompletedTask;
        }
    }

    /// <summary>Cancels the caller's request the moment the scoring message is about to be sent, as a client that disconnects then.</summary>
    private sealed class DisconnectBeforeSend(IScoringQueue inner, CancellationTokenSource request) : IScoringQueue
    {
        public async Task EnqueueAsync(ScoringRequest r, CancellationToken cancellationToken)
        {
            await request.CancelAsync();
            await inner.EnqueueAsync(r, cancellationToken);
        }

        public Task EnqueueManyAsync(string programme, IReadOnlyList<string> ids, CancellationToken cancellationToken) => inner.EnqueueManyAsync(programme, ids, cancellationToken);
    }

    /// <summary>A row as a process that died between the row and the message leaves it: Pending, and no message.</summary>
    private async Task<Assessment> OrphanedRowAsync()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var assessment = new Assessment
        {
            Id = AssessmentIntake.NewId(), Programme = Unique.Programme("orphan"), SchemaVersion = 1, Company = submission.Company,
            Product = submission.Product, Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "",
        };
        await Store.AddAsync(assessment, default);
        return assessment;
    }

    private PendingSweeper Sweeper(TimeProvider clock, IScoringQueue? queue = null) => queue is null
        ? ActivatorUtilities.CreateInstance<PendingSweeper>(pipeline.App.Services, clock)
        : ActivatorUtilities.CreateInstance<PendingSweeper>(pipeline.App.Services, clock, queue);

    /// <summary>One sweep, waiting out the app's own scheduled sweep if it holds the lock at that moment.</summary>
    private static async Task<int> SweepAsync(PendingSweeper sweeper)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await sweeper.RunAsync(default) is { } count) return count;
            if (attempt == 50) throw new TimeoutException("Another sweep held the lock for 10 s.");
            await Task.Delay(200);
        }
    }

    private async Task<Assessment> WaitForStatusAsync(string id, AssessmentStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var assessment = (await Store.FindAsync(id, default))!;
            if (assessment.Status == status) return assessment;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Assessment {id} is {assessment.Status}, not {status}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_pending_row_whose_message_was_lost_is_scored_after_the_next_sweep()
    {
        var orphan = await OrphanedRowAsync();

        var requeued = await SweepAsync(Sweeper(new LaterClock(TimeSpan.FromMinutes(2))));

        Assert.True(requeued >= 1);
        await WaitForStatusAsync(orphan.Id, AssessmentStatus.Scored);
    }

    [Fact]
    public async Task A_row_still_pending_is_sent_again_only_after_a_longer_wait_each_time()
    {
        var orphan = await OrphanedRowAsync();
        var age = pipeline.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Application.Hosting.ExportReadinessOptions>>().Value.PendingSweepAge;
        var queue = new RecordingQueue();
        // Sweeps at instants fixed from the row's own time, not from the wall clock: the row is written at (or just
        // after) its SubmittedAt, and its re-send mark at some later real instant; how long the test takes is irrelevant.
        var written = orphan.SubmittedAt;

        await SweepAsync(Sweeper(new FixedClock(written), queue));
        Assert.DoesNotContain(orphan.Id, queue.Sent); // younger than the sweep age: its message may be on its way
        await SweepAsync(Sweeper(new FixedClock(written + 2 * age), queue));
        Assert.Single(queue.Sent, orphan.Id);
        // Marked as re-sent after `written`, so at the same instant it is not due again: that needs twice the age.
        await SweepAsync(Sweeper(new FixedClock(written + 2 * age), queue));
        Assert.Single(queue.Sent, orphan.Id); // re-sent once: now due after twice the age
        await SweepAsync(Sweeper(new LaterClock(PendingSweeper.Backoff(age, 1) + TimeSpan.FromSeconds(15)), queue));
        Assert.Equal(2, queue.Sent.Count(id => id == orphan.Id));
    }

    [Fact]
    public async Task A_scored_row_is_never_swept()
    {
        var client = pipeline.App.CreateClient();
        var accepted = await client.SubmitAsync(AssessmentBuilder.Strong());
        await client.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        var queue = new RecordingQueue();

        await SweepAsync(Sweeper(new LaterClock(TimeSpan.FromHours(2)), queue));

        Assert.DoesNotContain(accepted.Id, queue.Sent);
    }

    [Fact]
    public async Task A_submission_whose_client_disconnects_once_its_row_is_written_still_gets_its_scoring_message()
    {
        var services = pipeline.App.Services;
        using var request = new CancellationTokenSource();
        var intake = new AssessmentIntake(services.GetRequiredService<ISubmissionArchive>(), Store,
            new DisconnectBeforeSend(services.GetRequiredService<IScoringQueue>(), request), TimeProvider.System);
        var builder = AssessmentBuilder.Mixed();

        var accepted = await intake.AcceptAsync(builder.ToSubmission(), System.Text.Encoding.UTF8.GetBytes(builder.ToJsonString()), request.Token);

        Assert.True(request.IsCancellationRequested);
        // Scored without any sweep: the message was sent although the request was gone.
        await WaitForStatusAsync(accepted.Id, AssessmentStatus.Scored);
    }
}
