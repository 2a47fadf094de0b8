using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;

namespace ExportReadiness.FunctionApp.Functions;

/// <summary>
/// Scores the assessments a message names. A failure throws: the Functions host makes the message visible again
/// and, after host.json's maxDequeueCount, moves it to <c>assessments-to-score-poison</c>; on that last delivery
/// the handler has marked the assessment Failed.
/// </summary>
public sealed class ScoreAssessmentFunction(ScoreAssessmentHandler handler, QueueDeliveryTelemetry telemetry)
{
    [Function(nameof(ScoreAssessment))]
    public Task ScoreAssessment(
        [QueueTrigger(StorageNames.ScoringQueue, Connection = StorageNames.ConnectionSetting)] QueueMessage message, CancellationToken cancellationToken) =>
        telemetry.HandleOneAsync(handler, message, cancellationToken);
}
