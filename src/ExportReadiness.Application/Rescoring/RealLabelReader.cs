using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Reviews;

namespace ExportReadiness.Application.Rescoring;

/// <summary>
/// Every real label the nightly run learns from: the advisors' verdicts (the Reviews table, the record of what they decided;
/// on the way, an assessment row whose copy of the verdict fell behind is brought up to date) and the rows of every kept
/// outcome set. Each counts once; none is synthetic.
/// </summary>
public sealed partial class RealLabelReader(IAssessmentStore assessments, IReviewStore reviews, IOutcomeSetStore outcomeSets, ILogger<RealLabelReader> logger)
{
    public async Task<(List<LabelledAssessment> Rows, TrainingLabels Labels)> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<LabelledAssessment>();
        var verdicts = 0;
        await foreach (var label in reviews.TrainingLabelsAsync(cancellationToken))
        {
            if ((await ReviewCopy.SyncAsync(assessments, reviews, label.AssessmentId, cancellationToken)).Assessment is not { Review: { } review } a) continue;
            rows.Add(new LabelledAssessment(a.Company, a.Answers, review.Verdict == Verdict.ExportReady, Key: a.Id));
            verdicts++;
        }
        var used = new List<OutcomeSetUse>();
        foreach (var set in await outcomeSets.ListAsync(cancellationToken))
        {
            try
            {
                var setRows = await outcomeSets.RowsAsync(set.Id, cancellationToken);
                rows.AddRange(setRows);
                used.Add(new OutcomeSetUse(set.Id, set.Name, setRows.Count));
            }
            catch (InvalidDataException e)
            {
                // Kept under another questionnaire version: it cannot be encoded for this one.
                LogUnreadable(set.Id, e.Message);
            }
        }
        return (rows, TrainingLabels.Of(rows, verdicts, used));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome set {SetId} cannot be read as training labels: {Reason}")]
    private partial void LogUnreadable(string setId, string reason);
}
