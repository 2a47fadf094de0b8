using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Scoring;

public static class ScoringOutcome
{
    public const string Scored = "Scored";
    public const string AlreadyScored = "AlreadyScored";
}

/// <summary>
/// The ScoreAssessment function, whichever driver delivers the messages. A batch is read with one query per
/// programme, scored in one model pass and written with one transaction per programme and 100 rows.
/// Idempotent: an assessment already scored by the current model is left as it is, and every write is
/// conditional on the row being unchanged since it was read, so two deliveries produce one result.
/// </summary>
public sealed partial class ScoreAssessmentHandler(
    IAssessmentStore store,
    CurrentModel currentModel,
    AssessmentScorer scorer,
    TimeProvider clock,
    ExportReadinessMetrics metrics,
    IOptions<QueueTriggerOptions> queueOptions,
    IOptions<ExportReadinessOptions> appOptions,
    ILogger<ScoreAssessmentHandler> logger) : IQueueFunction
{
    public string Name => "ScoreAssessment";

    public string QueueName => StorageNames.ScoringQueue;

    /// <summary>One span per message, in the trace of whoever sent it (a submission's HTTP request, a batch's ingest, a sweep).</summary>
    public Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken) =>
        DeliverySpans.AroundAsync(ExportReadinessTelemetry.Spans.ScoreAssessment, QueueName, deliveries, () => ScoreAsync(deliveries, cancellationToken));

    private async Task<IReadOnlyList<DeliveryResult>> ScoreAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
    {
        // A delivery succeeds when every assessment it names is scored (or already was); otherwise it is retried,
        // and the retry finds the ones that succeeded already scored.
        var errors = new Exception?[deliveries.Count];
        var scoredAny = new bool[deliveries.Count];
        var requests = new List<(int Delivery, ScoringRequest Request)>();
        for (var i = 0; i < deliveries.Count; i++)
        {
            try
            {
                requests.AddRange(ScoringMessage.Parse(deliveries[i].Text).Select(r => (i, r)));
            }
            catch (MalformedMessageException e)
            {
                errors[i] = e;
            }
        }

        try
        {
            // Under the Functions host a message can arrive while the first model is still being trained
            // (seconds, on a new deployment): wait for it rather than spend the message's deliveries.
            var model = await currentModel.GetWithinAsync(appOptions.Value.ModelWait, cancellationToken);
            var found = await store.FindManyAsync(requests.Select(r => r.Request).ToList(), cancellationToken);
            var toScore = new Dictionary<string, (Assessment Assessment, List<int> Deliveries)>(StringComparer.Ordinal);
            foreach (var (delivery, request) in requests)
            {
                if (!found.TryGetValue(request.AssessmentId, out var assessment))
                    errors[delivery] ??= new KeyNotFoundException($"Assessment {request.AssessmentId} does not exist.");
                else if (!IsCurrent(assessment, model))
                {
                    if (!toScore.TryGetValue(assessment.Id, out var entry)) toScore[assessment.Id] = entry = (assessment, []);
                    entry.Deliveries.Add(delivery);
                }
            }

            if (toScore.Count > 0)
            {
                var (work, scored) = ScoreEach(model, toScore.Values.ToList(), errors);
                var written = await store.ReplaceManyAsync(
                    work.Select((w, k) => w.Assessment with { Status = AssessmentStatus.Scored, Result = scored[k], FailureReason = null }).ToList(),
                    cancellationToken);
                foreach (var (k, (assessment, owners)) in work.Index())
                {
                    if (written.Contains(assessment.Id)) Measure(assessment, scored[k]);
                    foreach (var delivery in owners)
                    {
                        // Not written: the row changed since it was read (another delivery scored it, or a review landed).
                        if (written.Contains(assessment.Id)) scoredAny[delivery] = true;
                        else errors[delivery] ??= new InvalidOperationException($"Assessment {assessment.Id} changed while it was scored; retrying.");
                    }
                }
                LogScoredBatch(written.Count, model.Version);
                // Out of the sweep's index once scored. Last, so a failure here fails no delivery already scored; the entry
                // left behind is deleted by the next sweep that reads it. A re-score (Scored before) never had an entry.
                await store.ForgetPendingAsync(
                    work.Select(w => w.Assessment).Where(a => a.Status != AssessmentStatus.Scored && written.Contains(a.Id)).ToList(), cancellationToken);
            }
            await ForgetSettledSlicesAsync(requests, found, errors, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No model yet, or storage failed: every delivery not settled is retried, and on its last delivery
            // its assessments are marked Failed like any other failure.
            for (var i = 0; i < deliveries.Count; i++)
                if (!scoredAny[i]) errors[i] ??= e;
        }

        var results = new DeliveryResult[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            results[i] = errors[i] is { } error ? DeliveryResult.Failed(error)
                : DeliveryResult.Done(scoredAny[i] ? ScoringOutcome.Scored : ScoringOutcome.AlreadyScored);
            if (errors[i] is not null && deliveries[i].DequeueCount >= queueOptions.Value.MaxDequeueCount)
                foreach (var (_, request) in requests.Where(r => r.Delivery == i)) await MarkFailedAsync(request.AssessmentId, cancellationToken);
        }
        return results;
    }

    /// <summary>
    /// A message that names a whole batch slice (as ingest sends them) and has every row settled takes the slice out of
    /// the pending index: one delete per slice of up to a hundred rows. A slice re-sent by the sweep is never whole; the
    /// sweep drops its entry once it finds no row of it Pending.
    /// </summary>
    private async Task ForgetSettledSlicesAsync(List<(int Delivery, ScoringRequest Request)> requests, IReadOnlyDictionary<string, Assessment> found,
        Exception?[] errors, CancellationToken cancellationToken)
    {
        var slices = requests.GroupBy(r => r.Delivery)
            .Where(d => errors[d.Key] is null && d.All(r => r.Request.WholeSlice) && found.ContainsKey(d.First().Request.AssessmentId))
            .Select(d => found[d.First().Request.AssessmentId]).ToList();
        if (slices.Count > 0) await store.ForgetPendingSlicesAsync(slices, cancellationToken);
    }

    /// <summary>The rows that could be scored with their results; a row that cannot be scored fails only its own deliveries.</summary>
    private (List<(Assessment Assessment, List<int> Deliveries)> Work, IReadOnlyList<ScoringResult> Results) ScoreEach(
        ReadinessModel model, List<(Assessment Assessment, List<int> Deliveries)> work, Exception?[] errors)
    {
        var each = scorer.ScoreEach(model, work.Select(w => (w.Assessment.Company, w.Assessment.Answers)).ToList(), clock.GetUtcNow());
        var scoredWork = new List<(Assessment, List<int>)>(work.Count);
        var results = new List<ScoringResult>(work.Count);
        foreach (var (item, (result, error)) in work.Zip(each))
        {
            if (result is not null)
            {
                scoredWork.Add(item);
                results.Add(result);
                continue;
            }
            foreach (var delivery in item.Deliveries)
                errors[delivery] ??= new InvalidDataException($"Assessment {item.Assessment.Id} cannot be scored: {error!.Message}", error);
        }
        return (scoredWork, results);
    }

    /// <summary>A first score counts in the latency from submission; a re-score (a new model) only in the distribution.</summary>
    private void Measure(Assessment assessment, ScoringResult result)
    {
        if (assessment.Status == AssessmentStatus.Scored) metrics.Rescored(result);
        else metrics.Scored(result, assessment.SubmittedAt);
    }

    private static bool IsCurrent(Assessment assessment, ReadinessModel model) =>
        assessment.Status == AssessmentStatus.Scored && assessment.Result?.ModelVersion == model.Version;

    /// <summary>Last delivery: the message goes to the poison queue, so the SME sees Failed instead of a Pending that never ends.</summary>
    private async Task MarkFailedAsync(string assessmentId, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(assessmentId, cancellationToken);
        if (assessment is null || assessment.Status == AssessmentStatus.Scored) return;
        var failed = assessment with
        {
            Status = AssessmentStatus.Failed,
            FailureReason = "Scoring failed repeatedly; the message was moved to the poison queue for investigation.",
        };
        if (await store.TryReplaceAsync(failed, cancellationToken)) await store.ForgetPendingAsync([failed], cancellationToken);
        metrics.ScoringFailed();
        LogFailed(assessmentId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scored {Count} assessments with model {ModelVersion}")]
    private partial void LogScoredBatch(int count, string modelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assessment {AssessmentId} marked Failed after its last delivery")]
    private partial void LogFailed(string assessmentId);
}
