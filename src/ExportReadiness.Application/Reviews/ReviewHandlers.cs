using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Reviews;

public sealed record ReviewView(Review? Current, string? Version, IReadOnlyList<Review> History);

/// <summary>
/// An advisor confirms or overrides the verdict. Optimistic concurrency: send the version you read in
/// If-Match; a stale one is 412. The first review of an assessment needs no If-Match; a later one does (428).
/// The review records the signed-in advisor, never a name typed in. Its <c>note</c> is internal; <c>messageToSme</c> (optional,
/// so an older client's body still works and says nothing to the SME) is shown to the SME.
/// </summary>
public sealed partial class ReviewHandlers(
    IAssessmentStore assessments, IReviewStore reviews, TimeProvider clock, IOptions<ExportReadinessOptions> options, ProductAccessLog accessLog, ILogger<ReviewHandlers> logger,
    Privacy.ErasureGuard erasures)
{
    public const int MaxNoteLength = 2000;
    public const int MaxMessageLength = 2000;

    public async Task<Results<Ok<ReviewView>, ProblemHttpResult>> Get(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (await assessments.FindAsync(id, cancellationToken) is not { } assessment) return NotFound(ApiMessages.Of(context.Request));
        await accessLog.AssessmentAsync(context, assessment, AccessKind.Read, cancellationToken);
        var current = await reviews.GetAsync(id, cancellationToken);
        if (current?.ConcurrencyToken is { } version) context.Response.Headers.ETag = version;
        return TypedResults.Ok(new ReviewView(current, current?.ConcurrencyToken, await reviews.HistoryAsync(id, cancellationToken)));
    }

    public async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> Put(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        var texts = ApiMessages.Of(context.Request);
        var (verdict, note, message, errors) = ReadBody(body!.Root, texts);
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidReview, texts);
        // The authorization policy has signed the advisor in; an unnamed principal cannot record a verdict.
        if (context.User.Identity?.Name is not { Length: > 0 } advisor)
            return Problems.Status(StatusCodes.Status401Unauthorized, Messages.SignInToReview, null, texts);

        if (await assessments.FindAsync(id, cancellationToken) is not { } assessment) return NotFound(texts);
        await accessLog.AssessmentAsync(context, assessment, AccessKind.Change, cancellationToken);
        var current = await reviews.GetAsync(id, cancellationToken);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (current is not null && ifMatch.Length == 0)
            return Problems.Status(StatusCodes.Status428PreconditionRequired, Messages.AlreadyReviewed, Messages.SendIfMatch, texts);
        if (current is not null && !EntityVersion.Same(ifMatch, current.ConcurrencyToken)) return Stale(texts);

        var review = new Review(id, verdict!.Value, note, advisor, clock.GetUtcNow(), current?.Verdict) { MessageToSme = message };
        var (outcome, version) = await reviews.SaveAsync(review, current?.ConcurrencyToken, cancellationToken);
        if (outcome == ReviewSaveOutcome.Conflict) return Stale(texts);
        if (await erasures.UndoIfErasedAsync(assessment.ProductId, CancellationToken.None)) return NotFound(texts);

        var (_, synced) = await ReviewCopy.SyncAsync(assessments, reviews, id, cancellationToken);
        if (!synced) LogCopyDeferred(id);
        context.Response.Headers.ETag = version;
        return TypedResults.Ok(new ReviewView(review with { ConcurrencyToken = version }, version, await reviews.HistoryAsync(id, cancellationToken)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The review of {AssessmentId} is saved; its copy on the assessment row lost to other writers and waits for the nightly run")]
    private partial void LogCopyDeferred(string assessmentId);

    /// <summary>
    /// The verdict, the internal note and the message to the SME, with errors in <paramref name="texts"/>'s language. An <c>advisor</c>
    /// field, which older clients send, is ignored: the signed-in advisor is recorded.
    /// </summary>
    private static (Verdict? Verdict, string Note, string Message, Dictionary<string, string[]> Errors) ReadBody(JsonElement root, IMessageTexts texts)
    {
        var errors = new Dictionary<string, string[]>();
        Verdict? verdict = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = [texts.Text(Messages.BodyMustBeObject)];
            return (null, "", "", errors);
        }
        if (root.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String
            && Enum.TryParse<Verdict>(v.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) verdict = parsed;
        else errors["verdict"] = [texts.Text(Messages.UseVerdict)];
        var note = JsonBodyReader.OptionalText(root, "note", MaxNoteLength, errors, texts);
        var message = JsonBodyReader.OptionalText(root, "messageToSme", MaxMessageLength, errors, texts);
        return (verdict, note, message, errors);
    }


    private static ProblemHttpResult NotFound(IMessageTexts texts) => Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchAssessment, texts);

    private static ProblemHttpResult Stale(IMessageTexts texts) =>
        Problems.Status(StatusCodes.Status412PreconditionFailed, Messages.ReviewChanged, Messages.ReloadReview, texts);
}
