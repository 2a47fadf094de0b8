using System.Text.Json.Serialization;

namespace ExportReadiness.Core.ActionPlans;

[JsonConverter(typeof(JsonStringEnumConverter<ActionStatus>))]
public enum ActionStatus
{
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// <summary>
/// One action of a product's plan: which gap it addresses (a question, and so its dimension), what is to be done, who
/// does it and by when, and how far it has come. The plan belongs to the product (<see cref="ProductId"/>, its first
/// assessment's id), not to one assessment, so it carries over to the next one; <see cref="FromAssessmentId"/> records
/// the assessment whose gap it was picked from. <see cref="ConcurrencyToken"/> is the store's version (an ETag).
/// </summary>
public sealed record PlannedAction(
    string Id,
    string ProductId,
    string QuestionId,
    string Dimension,
    string Title,
    string Owner,
    DateOnly DueDate,
    ActionStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string FromAssessmentId,
    DateTimeOffset? DoneAt = null,
    [property: JsonIgnore] string? ConcurrencyToken = null)
{
    public const int MaxTitleLength = 300;
    public const int MaxOwnerLength = 200;

    /// <summary>What <see cref="CreatedBy"/> says when the SME (its token's holder) made the change; otherwise the advisor's name.</summary>
    public const string Sme = "sme";

    /// <summary>
    /// The action with a new status. <see cref="DoneAt"/> is set when the status becomes Done, and kept afterwards: an
    /// action re-opened or dropped later still shows when it was done; done again, it is done anew.
    /// </summary>
    public PlannedAction WithStatus(ActionStatus status, DateTimeOffset now) =>
        this with { Status = status, DoneAt = status == ActionStatus.Done && Status != ActionStatus.Done ? now : DoneAt };

    /// <summary>Past its due date and neither done nor dropped, on <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => Status is ActionStatus.Planned or ActionStatus.InProgress && DueDate < today;

    /// <summary>Done within (<paramref name="after"/>, <paramref name="until"/>]: between two assessments of the product.</summary>
    public bool WasDoneBetween(DateTimeOffset after, DateTimeOffset until) =>
        Status == ActionStatus.Done && DoneAt is { } done && done > after && done <= until;
}
