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
/// <see cref="Note"/> is internal: only advisors read it. What the SME should read goes in <see cref="MessageToSme"/>.
/// </summary>
public sealed record Review(
    string AssessmentId,
    Verdict Verdict,
    string Note,
    string Advisor,
    DateTimeOffset ReviewedAt,
    Verdict? PreviousVerdict = null,
    [property: JsonIgnore] string? ConcurrencyToken = null)
{
    /// <summary>
    /// The advisor's message to the company, shown on its result page, its printed report and its API answer; empty
    /// for none. A separate field rather than a visibility flag on the note, so an advisor can keep a frank internal
    /// note and still tell the company what to do, and an old client that sends only a note stays internal.
    /// </summary>
    public string MessageToSme { get; init; } = "";

    /// <summary>The message as the SME sees it, or null when the review has none.</summary>
    public AdvisorMessage? MessageForSme() => MessageToSme.Length > 0 ? new AdvisorMessage(Advisor, ReviewedAt, MessageToSme) : null;
}

/// <summary>What an advisor wrote to the SME, with who wrote it and when: all of a review the SME may see.</summary>
public sealed record AdvisorMessage(string Advisor, DateTimeOffset WrittenAt, string Text);

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
