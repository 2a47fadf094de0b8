namespace ExportReadiness.Core.Assessments;

public sealed record AcceptedSubmission(string Id, AssessmentStatus Status, string AccessToken);

/// <summary>
/// Takes a validated submission in: raw JSON archived first (nothing is lost even if a later step fails),
/// then the Pending row, then the scoring message. Each step is safe to repeat for the same id. Once the row is
/// being written the caller's cancellation no longer applies: a client that disconnects then would otherwise leave
/// a Pending row without a message (the pending sweeper catches what a crash leaves the same way).
/// </summary>
public sealed class AssessmentIntake(ISubmissionArchive archive, IAssessmentStore store, IScoringQueue queue, TimeProvider clock)
{
    /// <summary>
    /// <paramref name="previous"/>: the assessment this submission re-assesses, whose token the caller has already
    /// checked; the new one joins its product.
    /// </summary>
    public async Task<AcceptedSubmission> AcceptAsync(Submission submission, ReadOnlyMemory<byte> rawJson, CancellationToken cancellationToken, Assessment? previous = null)
    {
        var id = NewId();
        var token = AccessToken.Create();
        await archive.SaveAsync(id, rawJson, cancellationToken);
        // The point of no return: from here on, finish.
        await store.AddAsync(new Assessment
        {
            Id = id,
            Programme = submission.Programme,
            SchemaVersion = submission.SchemaVersion,
            Company = submission.Company,
            Product = submission.Product,
            Answers = submission.Answers,
            SubmittedAt = clock.GetUtcNow(),
            AccessTokenHash = AccessToken.Hash(token),
            ProductId = previous?.ProductId,
            PreviousAssessmentId = previous?.Id,
        }, CancellationToken.None);
        await queue.EnqueueAsync(new ScoringRequest(id, Programme: submission.Programme), CancellationToken.None);
        return new AcceptedSubmission(id, AssessmentStatus.Pending, token);
    }

    /// <summary>Sortable by time (Guid v7), URL- and Table-key-safe.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
