using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Localization;
using System.Globalization;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Batches;

/// <summary>
/// IngestBatch (queue <c>batches-to-ingest</c>): streams the uploaded file, turns every valid row into an
/// assessment (Pending rows in table transactions, one scoring message per slice of a hundred lines and programme: the
/// same queue and handler as a web submission) and records every rejected line with its reason. Safe to run twice: ids come from the
/// batch and line, existing rows are never overwritten, and scoring is idempotent. Progress is checkpointed
/// every chunk, so a delivery after a crash resumes there and the batch's counts never go down.
/// </summary>
public sealed partial class IngestBatchHandler(
    IBatchStore batches,
    IAssessmentStore assessments,
    IScoringQueue scoringQueue,
    AssessmentCsv csv,
    TimeProvider clock,
    ExportReadinessMetrics metrics,
    IOptions<QueueTriggerOptions> queueOptions,
    IStringLocalizer<ApiTexts> texts,
    TextCatalog catalog,
    ILogger<IngestBatchHandler> logger) : IQueueFunction
{
    // Nobody waits for the rejections' reasons: they are written in English and the default language, and whoever reads
    // them later gets the one of their request (RejectedRow.ReasonIn).
    private readonly ApiMessages _english = new(texts, CultureInfo.GetCultureInfo(ApiMessages.English));
    private readonly ApiMessages _default = new(texts, catalog.DefaultCulture);

    private const int ChunkSize = 500;

    public string Name => "IngestBatch";

    public string QueueName => StorageNames.BatchQueue;

    public async Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        // Each in a span of its own, current while it runs: the slices it sends to scoring carry the ingest's trace.
        foreach (var delivery in deliveries)
            results.Add(await DeliverySpans.AroundOneAsync(ExportReadinessTelemetry.Spans.IngestBatch, QueueName, delivery, () => IngestOneAsync(delivery, cancellationToken)));
        return results;
    }

    private async Task<DeliveryResult> IngestOneAsync(QueueDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            return DeliveryResult.Done(await IngestAsync(ParseBatchId(delivery.Text), cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (delivery.DequeueCount >= queueOptions.Value.MaxDequeueCount) await MarkFailedAsync(delivery.Text, e, cancellationToken);
            return DeliveryResult.Failed(e);
        }
    }

    /// <summary>Last delivery: the message goes to the poison queue, so the advisor sees Failed, not an Ingesting that never ends.</summary>
    private async Task MarkFailedAsync(string messageText, Exception error, CancellationToken cancellationToken)
    {
        try
        {
            if (await batches.GetAsync(ParseBatchId(messageText), cancellationToken) is { Status: not BatchStatus.Ingested } batch)
                await batches.SaveAsync(batch with { Status = BatchStatus.Failed, FailureReason = error.Message }, cancellationToken);
        }
        catch (Exception e) when (e is MalformedMessageException or Azure.RequestFailedException || StorageClients.IsUnavailable(e))
        {
            // No batch to mark, or storage refuses or is down too: the poison queue keeps the message.
        }
    }

    private static string ParseBatchId(string text) =>
        MessageJson.Text(MessageJson.Object(text), "batchId") is { } id && Identifiers.IsValid(id)
            ? id
            : throw new MalformedMessageException("The message has no valid batchId.");

    private RejectedRow Rejected(long line, RowRejection why) => new(line, why.In(_english), why.In(_default));

    private async Task<string> IngestAsync(string batchId, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(batchId, cancellationToken) ?? throw new KeyNotFoundException($"Batch {batchId} does not exist.");
        // A retry after Failed starts clean of its reason, not of its progress.
        batch = await UpdateAsync(batch, b => b.Status == BatchStatus.Ingested ? null : b with { Status = BatchStatus.Ingesting, FailureReason = null }, cancellationToken);
        if (batch.Status == BatchStatus.Ingested) return "AlreadyIngested";

        // Delivered again after a crash: lines up to the checkpoint are stored and their messages sent, and the
        // counts go on from the checkpoint's, so an advisor never sees them drop. Those lines are still read, to
        // write their rejections into the new rejections file.
        var resumeAfter = batch.CheckpointLine;
        if (resumeAfter > 0) LogResuming(batchId, resumeAfter, batch.Accepted);
        var pending = new List<Assessment>(ChunkSize);
        var products = new Dictionary<string, (string ProductId, string PreviousId)?>(StringComparer.Ordinal);
        var programmes = new SortedSet<string>(batch.Programmes, StringComparer.Ordinal);
        int rows = batch.Rows, accepted = batch.Accepted;
        long line = resumeAfter, lastAccepted = resumeAfter;
        await using var rejected = await RejectionLog.StartAsync(await batches.CreateRejectionsAsync(batchId, cancellationToken));
        await using (var input = await batches.OpenInputAsync(batchId, cancellationToken))
        using (var reader = new StreamReader(input, AssessmentCsv.FileEncoding))
        {
            foreach (var row in csv.Read(reader, batch.DefaultProgramme))
            {
                if (row.Line <= resumeAfter)
                {
                    if (row.Submission is null) await rejected.AddAsync(Rejected(row.Line, row.Rejection!));
                    continue;
                }
                rows++;
                line = row.Line;
                if (row.Submission is not { } s)
                {
                    await rejected.AddAsync(Rejected(row.Line, row.Rejection!));
                    continue;
                }
                var id = batch.AssessmentId(row.Line);
                (string ProductId, string PreviousId)? product = null;
                if (row.ProductId is { } named)
                {
                    product = await ProductOfAsync(named, batch.Id, products, cancellationToken);
                    if (product is null)
                    {
                        await rejected.AddAsync(Rejected(row.Line, RowRejection.Of(Messages.UnknownProduct(AssessmentCsv.ProductIdColumn, named))));
                        continue;
                    }
                }
                // A flush ends at a slice's end, so each slice of rows is stored and sent in one piece (its pending-index
                // entry goes when the message naming all of it is settled).
                if (pending.Count >= ChunkSize && BatchAssessmentIds.SliceOf(row.Line) != BatchAssessmentIds.SliceOf(lastAccepted))
                {
                    accepted += await FlushAsync(pending, cancellationToken);
                    var checkpoint = (Line: row.Line - 1, Rows: rows - 1, Accepted: accepted, Rejected: rejected.Count);
                    batch = await UpdateAsync(batch, b => b.Status == BatchStatus.Ingested || b.CheckpointLine >= checkpoint.Line ? null : b with
                    {
                        Status = BatchStatus.Ingesting, CheckpointLine = checkpoint.Line, Rows = checkpoint.Rows, Accepted = checkpoint.Accepted, Rejected = checkpoint.Rejected,
                        Programmes = [.. programmes],
                    }, cancellationToken);
                }
                lastAccepted = row.Line;
                programmes.Add(s.Programme);
                pending.Add(new Assessment
                {
                    Id = id, Programme = s.Programme, SchemaVersion = s.SchemaVersion, Company = s.Company,
                    Product = s.Product, Answers = s.Answers, SubmittedAt = batch.UploadedAt, AccessTokenHash = "", BatchId = batch.Id,
                    ProductId = product?.ProductId, PreviousAssessmentId = product?.PreviousId,
                });
            }
        }
        accepted += await FlushAsync(pending, cancellationToken);
        await rejected.DisposeAsync(); // commits the rejections blob before the batch says Ingested
        var done = (Line: line, Rows: rows, Accepted: accepted, Rejected: rejected.Count);
        await UpdateAsync(batch, b => b.Status == BatchStatus.Ingested ? null : b with
        {
            Status = BatchStatus.Ingested, CheckpointLine = done.Line, Rows = done.Rows, Accepted = done.Accepted, Rejected = done.Rejected, IngestedAt = clock.GetUtcNow(),
            Programmes = [.. programmes],
        }, cancellationToken);
        LogIngested(batchId, rows, accepted, rejected.Count);
        return "Ingested";
    }

    /// <summary>
    /// The product a row's <c>productId</c> cell names (a product's id or the id of any assessment of it: an advisor may
    /// paste either) and its latest assessment from before this batch, which the row re-assesses; null when there is no
    /// such assessment. The batch's own rows are left out, so a re-run after a crash (which finds the rows the first run
    /// stored, and never overwrites them) links alike; looked up once per product and file, so every row of one product
    /// re-assesses the same earlier assessment. The upload is an advisor's, who may see every product: no token is asked for.
    /// </summary>
    private async Task<(string ProductId, string PreviousId)?> ProductOfAsync(
        string named, string batchId, Dictionary<string, (string ProductId, string PreviousId)?> known, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(named, out var cached)) return cached;
        (string, string)? product = null;
        if (Identifiers.IsValid(named) && await assessments.FindAsync(named, cancellationToken) is { } anchor && anchor.BatchId != batchId)
        {
            var history = await assessments.ProductHistoryAsync(anchor.ProductId, null, cancellationToken);
            product = (anchor.ProductId, (history.LastOrDefault(a => a.BatchId != batchId) ?? anchor).Id);
        }
        return known[named] = product;
    }

    /// <summary>
    /// Applies a change to the batch as stored, conditionally, reading it again when another delivery of the same
    /// batch wrote in between; the change returns null when the stored batch is already as far (counts only rise).
    /// </summary>
    private async Task<Batch> UpdateAsync(Batch batch, Func<Batch, Batch?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (change(batch) is not { } changed) return batch;
            if (await batches.TryReplaceAsync(changed, cancellationToken) is { } saved) return saved;
            batch = await batches.GetAsync(batch.Id, cancellationToken) ?? throw new KeyNotFoundException($"Batch {batch.Id} does not exist.");
        }
    }

    private async Task<int> FlushAsync(List<Assessment> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return 0;
        await assessments.AddManyAsync(pending, cancellationToken);
        metrics.Submitted(ExportReadinessMetrics.SubmissionKind.Batch, pending.Count);
        // One message per slice and programme: at most a hundred rows, every row of that slice. Sent at once (a chunk is a
        // few slices): ingest waits on its round trips, not on the work.
        await Task.WhenAll(pending.GroupBy(a => (a.Programme, Slice: BatchAssessmentIds.TryParse(a.Id, out _, out var l) ? BatchAssessmentIds.SliceOf(l) : -1))
            .Select(slice => slice.Key.Slice >= 0
                ? scoringQueue.EnqueueSliceAsync(slice.Key.Programme, slice.Select(a => a.Id).ToList(), cancellationToken)
                : scoringQueue.EnqueueManyAsync(slice.Key.Programme, slice.Select(a => a.Id).ToList(), cancellationToken)));
        var count = pending.Count;
        pending.Clear();
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId}: resuming after line {Line}, {Accepted} rows accepted so far")]
    private partial void LogResuming(string batchId, long line, int accepted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} ingested: {Rows} rows, {Accepted} accepted, {Rejected} rejected")]
    private partial void LogIngested(string batchId, int rows, int accepted, int rejected);
}
