using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Functions.Hosting;
using ExportReadiness.Functions.Queues;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Functions.Scoring;

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
    IOptions<QueueTriggerOptions> queueOptions,
    ILogger<ScoreAssessmentHandler> logger) : IQueueFunction
{
    public string Name => "ScoreAssessment";

    public string QueueName => StorageNames.ScoringQueue;

    /// <summary>One message, as the Functions host delivers it; throws if it failed.</summary>
    public async Task<string> HandleAsync(string messageText, int dequeueCount, CancellationToken cancellationToken)
    {
        var result = (await HandleAsync([new QueueDelivery(messageText, dequeueCount)], cancellationToken))[0];
        return result.Error is null ? result.Outcome! : throw result.Error;
    }

    public async Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var results = new DeliveryResult?[deliveries.Count];
        var requests = new ScoringRequest?[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            try
            {
                requests[i] = ScoringMessage.Parse(deliveries[i].Text);
            }
            catch (MalformedMessageException e)
            {
                results[i] = DeliveryResult.Failed(e);
            }
        }

        var model = await currentModel.GetAsync(cancellationToken);
        var found = await store.FindManyAsync(requests.OfType<ScoringRequest>().ToList(), cancellationToken);
        var toScore = new List<(int Index, Assessment Assessment)>();
        for (var i = 0; i < deliveries.Count; i++)
        {
            if (requests[i] is not { } request) continue;
            if (!found.TryGetValue(request.AssessmentId, out var assessment))
                results[i] = DeliveryResult.Failed(new KeyNotFoundException($"Assessment {request.AssessmentId} does not exist."));
            else if (IsCurrent(assessment, model))
                results[i] = DeliveryResult.Done(ScoringOutcome.AlreadyScored);
            else if (toScore.Any(t => t.Assessment.Id == assessment.Id))
                results[i] = DeliveryResult.Done(ScoringOutcome.AlreadyScored); // the same id twice in one batch
            else
                toScore.Add((i, assessment));
        }

        if (toScore.Count > 0)
        {
            var scored = scorer.ScoreMany(model, toScore.Select(t => (t.Assessment.Company, t.Assessment.Answers)).ToList(), clock.GetUtcNow());
            var written = await store.ReplaceManyAsync(
                toScore.Select((t, k) => t.Assessment with { Status = AssessmentStatus.Scored, Result = scored[k], FailureReason = null }).ToList(),
                cancellationToken);
            foreach (var (index, assessment) in toScore)
            {
                // Not written: the row changed since it was read (another delivery scored it, or a review landed).
                results[index] = written.Contains(assessment.Id)
                    ? DeliveryResult.Done(ScoringOutcome.Scored)
                    : DeliveryResult.Failed(new InvalidOperationException($"Assessment {assessment.Id} changed while it was scored; retrying."));
                if (written.Contains(assessment.Id)) LogScored(assessment.Id, model.Version);
            }
        }

        for (var i = 0; i < deliveries.Count; i++)
        {
            if (results[i]!.Error is not null && requests[i] is { } request && deliveries[i].DequeueCount >= queueOptions.Value.MaxDequeueCount)
                await MarkFailedAsync(request.AssessmentId, cancellationToken);
        }
        return results!;
    }

    private static bool IsCurrent(Assessment assessment, ReadinessModel model) =>
        assessment.Status == AssessmentStatus.Scored && assessment.Result?.ModelVersion == model.Version;

    /// <summary>Last delivery: the message goes to the poison queue, so the SME sees Failed instead of a Pending that never ends.</summary>
    private async Task MarkFailedAsync(string assessmentId, CancellationToken cancellationToken)
    {
        var assessment = await store.FindAsync(assessmentId, cancellationToken);
        if (assessment is null || assessment.Status == AssessmentStatus.Scored) return;
        await store.TryReplaceAsync(assessment with
        {
            Status = AssessmentStatus.Failed,
            FailureReason = "Scoring failed repeatedly; the message was moved to the poison queue for investigation.",
        }, cancellationToken);
        LogFailed(assessmentId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scored assessment {AssessmentId} with model {ModelVersion}")]
    private partial void LogScored(string assessmentId, string modelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assessment {AssessmentId} marked Failed after its last delivery")]
    private partial void LogFailed(string assessmentId);
}
