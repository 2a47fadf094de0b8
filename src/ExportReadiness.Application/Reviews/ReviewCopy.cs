using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;

namespace ExportReadiness.Application.Reviews;

/// <summary>
/// The verdict in force lives in the Reviews table; the assessment row carries a copy because the list,
/// the reports and the CSV filter and count by it and Table Storage cannot join. The copy is always taken
/// from the Reviews table at the time of writing, so a slow writer can never put an older verdict back.
/// </summary>
public static class ReviewCopy
{
    private const int Attempts = 5;

    /// <summary>
    /// Makes the assessment's copy equal to the current review. Returns the assessment with that review
    /// (null if the assessment does not exist) and whether its row now says so; if other writers kept
    /// winning, the next call (the nightly run makes one for every label) finishes the job.
    /// </summary>
    public static async Task<(Assessment? Assessment, bool Synced)> SyncAsync(
        IAssessmentStore assessments, IReviewStore reviews, string assessmentId, CancellationToken cancellationToken)
    {
        Assessment? assessment = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            assessment = await assessments.FindAsync(assessmentId, cancellationToken);
            if (assessment is null) return (null, false);
            var current = await reviews.GetAsync(assessmentId, cancellationToken);
            if (Same(assessment.Review, current)) return (assessment, true);
            var updated = assessment with { Review = current };
            if (await assessments.TryReplaceAsync(updated, cancellationToken)) return (updated, true);
            assessment = updated;
        }
        return (assessment, false);
    }

    private static bool Same(Review? copy, Review? current) =>
        copy is null ? current is null
        : current is not null && copy.Verdict == current.Verdict && copy.ReviewedAt == current.ReviewedAt && copy.Advisor == current.Advisor && copy.Note == current.Note
          && copy.MessageToSme == current.MessageToSme;
}
