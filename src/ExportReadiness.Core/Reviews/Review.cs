using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Reviews;

/// <summary>An advisor's judgement of a product; it becomes a training label for the next model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    ExportReady,
    NotYet,
}

/// <summary>
/// The current verdict on an assessment and who gave it. <see cref="PreviousVerdict"/> keeps the history
/// readable: a changed mind is visible. The model's score is never overwritten by a review.
/// </summary>
public sealed record Review(
    string AssessmentId,
    Verdict Verdict,
    string Note,
    string Advisor,
    DateTimeOffset ReviewedAt,
    Verdict? PreviousVerdict = null,
    [property: JsonIgnore] string? ConcurrencyToken = null);

public enum ReviewSaveOutcome
{
    Saved,

    /// <summary>The If-Match version is not the current one: someone reviewed in between.</summary>
    Conflict,
}

public interface IReviewStore
{
    Task<Review?> GetAsync(string assessmentId, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Review>> HistoryAsync(string assessmentId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the review if <paramref name="expectedVersion"/> is the current review's version, or if it is
    /// null and there is no review yet; records the replaced review in the history in the same transaction.
    /// Returns the new version on success.
    /// </summary>
    Task<(ReviewSaveOutcome Outcome, string? Version)> SaveAsync(Review review, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Every verdict in force (one per reviewed assessment): the labels the scheduled retraining learns from.</summary>
    IAsyncEnumerable<Review> TrainingLabelsAsync(CancellationToken cancellationToken);
}
