using System.Text;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests.Recovery;

/// <summary>An ingest delivered again after a crash goes on from its checkpoint: counts only rise, no row is added twice.</summary>
[Collection(PipelineCollection.Name)]
public class BatchResumeTests(PipelineFixture pipeline)
{
    /// <summary>The real store, noting every accepted count written, as an advisor polling the batch would see them.</summary>
    private sealed class RecordingBatchStore(IBatchStore inner) : IBatchStore
    {
        public List<int> AcceptedWritten { get; } = [];

        public Task<Batch?> GetAsync(string batchId, CancellationToken cancellationToken) => inner.GetAsync(batchId, cancellationToken);

        public Task<bool> TryAddAsync(Batch batch, CancellationToken cancellationToken) => inner.TryAddAsync(batch, cancellationToken);

        public Task SaveAsync(Batch batch, CancellationToken cancellationToken)
        {
            AcceptedWritten.Add(batch.Accepted);
            return inner.SaveAsync(batch, cancellationToken);
        }

        public async Task<Batch?> TryReplaceAsync(Batch batch, CancellationToken cancellationToken)
        {
            var saved = await inner.TryReplaceAsync(batch, cancellationToken);
            if (saved is not null) AcceptedWritten.Add(batch.Accepted);
            return saved;
        }

        public Task SaveInputAsync(string batchId, Stream content, CancellationToken cancellationToken) => inner.SaveInputAsync(batchId, content, cancellationToken);

        public Task<Stream> OpenInputAsync(string batchId, CancellationToken cancellationToken) => inner.OpenInputAsync(batchId, cancellationToken);

        public Task<Stream> CreateRejectionsAsync(string batchId, CancellationToken cancellationToken) => inner.CreateRejectionsAsync(batchId, cancellationToken);

        public Task<Stream?> OpenRejectionsAsync(string batchId, CancellationToken cancellationToken) => inner.OpenRejectionsAsync(batchId, cancellationToken);
    }

    [Fact]
    public async Task An_ingest_delivered_again_after_a_crash_resumes_after_its_checkpoint_and_never_lowers_the_counts()
    {
        var store = new RecordingBatchStore(pipeline.App.Services.GetRequiredService<IBatchStore>());
        var handler = ActivatorUtilities.CreateInstance<IngestBatchHandler>(pipeline.App.Services, (IBatchStore)store);
        var programme = Unique.Programme("resume");
        var csv = new BatchFileBuilder()
            .AddMany(299, i => AssessmentBuilder.Mixed().Named($"Före {i} AB"))
            .Add(AssessmentBuilder.Mixed().Named("Trasig AB"), row => row["employees"] = "many") // line 301, before the checkpoint
            .AddMany(900, i => AssessmentBuilder.Mixed().Named($"Efter {i} AB"))
            .ToCsv();
        var id = Guid.NewGuid().ToString("N");
        await store.SaveInputAsync(id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), default);
        Assert.True(await store.TryAddAsync(new Batch { Id = id, DefaultProgramme = programme, UploadedAt = DateTimeOffset.UtcNow, SizeBytes = csv.Length }, default));
        var message = ExportReadiness.Storage.Batches.StorageBatchQueue.Message(id);
        await handler.HandleAsync([new QueueDelivery(message, 1)], default);
        // As a process killed after its second chunk leaves the batch: 1,000 accepted (lines 2–1,002), still Ingesting.
        var crashed = (await store.GetAsync(id, default))! with
        {
            Status = BatchStatus.Ingesting, CheckpointLine = 1002, Rows = 1001, Accepted = 1000, Rejected = 1, IngestedAt = null,
        };
        await store.SaveAsync(crashed, default);
        store.AcceptedWritten.Clear();

        var results = await handler.HandleAsync([new QueueDelivery(message, 2)], default);

        Assert.Null(results[0].Error);
        Assert.NotEmpty(store.AcceptedWritten); // the resumed ingest saved its progress through the recording store
        Assert.All(store.AcceptedWritten, accepted => Assert.True(accepted >= 1000, $"accepted went down to {accepted}"));
        var batch = (await store.GetAsync(id, default))!;
        Assert.Equal(BatchStatus.Ingested, batch.Status);
        Assert.Equal((1200, 1199, 1), (batch.Rows, batch.Accepted, batch.Rejected));
        Assert.Equal(1199, await pipeline.App.Services.GetRequiredService<IAssessmentStore>().CountAsync(new AssessmentQuery(BatchId: id), default));
        // The rejected line before the checkpoint is still in the new rejections file.
        await using var rejections = (await store.OpenRejectionsAsync(id, default))!;
        var rejected = new List<RejectedRow>();
        await foreach (var row in RejectionLog.ReadAsync(rejections)) rejected.Add(row);
        Assert.Equal(301, Assert.Single(rejected).Line);
    }
}
