using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Application.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Reviews;

public sealed record ReviewView(Review? Current, string? Version, IReadOnlyList<Review> History);

/// <summary>
/// An advisor confirms or overrides the verdict. Optimistic concurrency: send the version you read in
/// If-Match; a stale one is 412. The first review of an assessment needs no If-Match; a later one does (428).
/// The review records the signed-in advisor, never a name typed in.
/// </summary>
public sealed partial class ReviewHandlers(
    IAssessmentStore assessments, IReviewStore reviews, TimeProvider clock, IOptions<ExportReadinessOptions> options, ILogger<ReviewHandlers> logger)
{
    public const int MaxNoteLength = 2000;

    public async Task<Results<Ok<ReviewView>, ProblemHttpResult>> Get(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (await assessments.FindAsync(id, cancellationToken) is null) return NotFound();
        var current = await reviews.GetAsync(id, cancellationToken);
        if (current?.ConcurrencyToken is { } version) context.Response.Headers.ETag = version;
        return TypedResults.Ok(new ReviewView(current, current?.ConcurrencyToken, await reviews.HistoryAsync(id, cancellationToken)));
    }

    public async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> Put(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        var (verdict, note, errors) = ReadBody(body!.Root);
        if (errors.Count > 0) return Problems.Invalid(errors, "The review has invalid fields.");
        // The authorization policy has signed the advisor in; an unnamed principal cannot record a verdict.
        if (context.User.Identity?.Name is not { Length: > 0 } advisor)
            return Problems.Status(StatusCodes.Status401Unauthorized, "Sign in as an advisor to record a verdict.");

        if (await assessments.FindAsync(id, cancellationToken) is null) return NotFound();
        var current = await reviews.GetAsync(id, cancellationToken);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (current is not null && ifMatch.Length == 0)
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "This assessment has a review already.", "Send its version (ETag) in If-Match.");
        if (current is not null && !SameVersion(ifMatch, current.ConcurrencyToken)) return Stale();

        var review = new Review(id, verdict!.Value, note, advisor, clock.GetUtcNow(), current?.Verdict);
        var (outcome, version) = await reviews.SaveAsync(review, current?.ConcurrencyToken, cancellationToken);
        if (outcome == ReviewSaveOutcome.Conflict) return Stale();

        var (_, synced) = await ReviewCopy.SyncAsync(assessments, reviews, id, cancellationToken);
        if (!synced) LogCopyDeferred(id);
        context.Response.Headers.ETag = version;
        return TypedResults.Ok(new ReviewView(review with { ConcurrencyToken = version }, version, await reviews.HistoryAsync(id, cancellationToken)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The review of {AssessmentId} is saved; its copy on the assessment row lost to other writers and waits for the nightly run")]
    private partial void LogCopyDeferred(string assessmentId);

    /// <summary>The verdict and note. An <c>advisor</c> field, which older clients send, is ignored: the signed-in advisor is recorded.</summary>
    private static (Verdict? Verdict, string Note, Dictionary<string, string[]> Errors) ReadBody(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>();
        Verdict? verdict = null;
        var note = "";
        if (root.ValueKind != JsonValueKind.Object) errors["$"] = ["The body must be a JSON object."];
        else
        {
            if (root.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String
                && Enum.TryParse<Verdict>(v.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) verdict = parsed;
            else errors["verdict"] = ["Use ExportReady or NotYet."];
            if (root.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String) note = n.GetString()!.Trim();
            else if (root.TryGetProperty("note", out n) && n.ValueKind != JsonValueKind.Null) errors["note"] = ["Expected a string."];
            if (note.Length > MaxNoteLength) errors["note"] = [$"At most {MaxNoteLength} characters."];
        }
        return (verdict, note, errors);
    }

    /// <summary>Table Storage versions are weak ETags; clients may send them with or without the W/ prefix.</summary>
    private static bool SameVersion(string presented, string? current) =>
        current is not null && Strip(presented) == Strip(current);

    private static string Strip(string etag) => etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;

    private static ProblemHttpResult NotFound() => Problems.Status(StatusCodes.Status404NotFound, "Not found.", "No assessment with this id.");

    private static ProblemHttpResult Stale() =>
        Problems.Status(StatusCodes.Status412PreconditionFailed, "The review changed since you read it.", "Reload the review and decide again.");
}
