using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Programmes;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Localization;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Assessments;

/// <summary>Submitting a self-assessment, reading it back, and the advisors' list.</summary>
public sealed class AssessmentHandlers(
    SubmissionValidator validator, AssessmentIntake intake, IAssessmentStore store, AssessmentAccess access, IOptions<ExportReadinessOptions> options,
    ProgrammeOffers programmes, FunnelReader funnel, IActionPlanStore actionPlans, QuestionnaireSchema schema, IDataProtectionProvider dataProtection, ProductAccessLog accessLog,
    Privacy.ErasureGuard erasures, ExportReadinessMetrics metrics)
{
    /// <summary>
    /// The list's continuation tokens are the store's, protected: a token the list never gave out (made up, cut short,
    /// from another deployment's keys) is told apart from a real one and refused, instead of reading some other page.
    /// </summary>
    private readonly IDataProtector _pageTokens = dataProtection.CreateProtector("ExportReadiness.Assessments.ListContinuationToken");

    public const string TokenHeader = "X-Assessment-Token";

    /// <summary>The submission's link to the assessment it re-assesses (with that one's token in <see cref="TokenHeader"/>).</summary>
    public const string PreviousAssessmentField = "previousAssessmentId";

    public async Task<Results<Accepted<SubmissionAccepted>, ValidationProblem, ProblemHttpResult>> Submit(HttpRequest request, CancellationToken cancellationToken)
    {
        if (TokenInQuery(request) is { } inAddress) return inAddress;
        var (body, problem) = await JsonBodyReader.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;

        var outcome = validator.Validate(body!.Root);
        var texts = ApiMessages.Of(request);
        if (!outcome.IsValid) return Problems.Invalid(outcome.Messages, Messages.InvalidQuestionnaire, texts);

        Assessment? previous = null;
        if (body.Root.TryGetProperty(PreviousAssessmentField, out var link) && link.ValueKind != JsonValueKind.Null)
        {
            // Only the holder of the earlier assessment's token may add to its product: an id alone proves nothing.
            previous = link.ValueKind == JsonValueKind.String && TokenOf(request) is { Length: > 0 } token
                ? await access.FindByTokenAsync(link.GetString()!, token, cancellationToken)
                : null;
            if (previous is null) return Problems.InvalidField(PreviousAssessmentField, Messages.PreviousAssessmentNotYours, texts);
        }

        AcceptedSubmission accepted;
        // A span of its own inside the request's: the scoring message sent within it carries its context, so the score
        // lands in this submission's trace.
        using (var span = ExportReadinessTelemetry.Source.StartActivity(ExportReadinessTelemetry.Spans.SubmissionAccepted, ActivityKind.Producer))
        {
            accepted = await intake.AcceptAsync(outcome.Submission!, body.Raw, cancellationToken, previous);
            span?.SetTag(ExportReadinessTelemetry.Tags.AssessmentId, accepted.Id);
        }
        // The product erased while this was stored: the new assessment goes with it, as if the link had been refused.
        if (previous is not null && await erasures.UndoIfErasedAsync(previous.ProductId, CancellationToken.None))
            return Problems.InvalidField(PreviousAssessmentField, Messages.PreviousAssessmentNotYours, texts);
        metrics.Submitted(ExportReadinessMetrics.SubmissionKind.Web);
        return TypedResults.Accepted($"/{Routes.Assessments}/{accepted.Id}", new SubmissionAccepted(accepted.Id, accepted.Status, accepted.AccessToken));
    }

    /// <summary>
    /// Open to the SME holding the assessment's token, and to any advisor. The SME's answer carries what advisors wrote
    /// to it, never the review itself (its verdict and internal note are for advisors).
    /// </summary>
    public async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> Get(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (TokenInQuery(context.Request) is { } inAddress) return inAddress;
        var token = TokenOf(context.Request);
        var assessment = await access.FindVisibleAsync(id, context, token, cancellationToken);
        // An unknown id and a wrong token look the same: nobody learns which assessments exist.
        if (assessment is null)
            return Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoVisibleAssessment, ApiMessages.Of(context.Request));
        // Visible with its token: the SME's view, whoever else the caller is; visible without it: an advisor.
        var asSme = AccessToken.Matches(token, assessment.AccessTokenHash);
        var lang = RequestLanguage.Requested(context.Request)?.Name;
        var offers = (await programmes.MatchAsync(assessment, cancellationToken))?.Select(m => m.AsOffer(lang)).ToList();
        var earlier = (await store.ProductHistoryAsync(assessment.ProductId, assessment.Id, cancellationToken)).Before(assessment);
        var plan = await actionPlans.ListAsync(assessment.ProductId, cancellationToken);
        var last = earlier.LastScored();
        var changes = last?.Result is { } before && assessment.Result is { } now ? ProductHistory.Changes(before, now) : [];
        return TypedResults.Ok((asSme ? assessment.AsSmeView() : assessment.AsView()) with
        {
            Programmes = offers,
            History = earlier.Select(a => a.AsHistoryEntry()).ToList(),
            ActionPlan = plan.AsViews(),
            ActionsDone = assessment.Result is null ? [] : ActionPlan.DoneSince(plan, last, assessment, schema).AsViews(changes),
        });
    }

    /// <summary>The query parameter that pages a product's history back: the oldest re-assessment the page before showed.</summary>
    public const string BeforeField = "before";

    /// <summary>
    /// Advisors: a page of one product's history. Without <c>before</c>, its first and latest assessments; with it, the
    /// re-assessments before that one, as many as one bounded history read gives (<see cref="ProductHistoryWindow.Limit"/>
    /// less the first assessment and the one named). <see cref="ProductView.Next"/> links the page before while the read
    /// was full, so a client walks the whole history a bounded read at a time.
    /// </summary>
    public async Task<Results<Ok<ProductView>, ProblemHttpResult>> Product(string productId, HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var before = request.Query[BeforeField];
        if (before.Count > 1 || (before.Count == 1 && string.IsNullOrEmpty(before[0])))
            return Problems.InvalidField(BeforeField, Messages.UnknownHistoryPosition, texts);
        var through = before.Count == 1 ? before[0] : null;
        var history = await store.ProductHistoryAsync(productId, through, cancellationToken);
        if (history.Count == 0) return Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchProduct, texts);
        // The read runs through the assessment named: one that is not there is not this product's.
        if (through is not null && history.All(a => a.Id != through)) return Problems.InvalidField(BeforeField, Messages.UnknownHistoryPosition, texts);
        await accessLog.ProductAsync(request.HttpContext, history[0].ProductId, AccessKind.Read, cancellationToken);

        var full = history.Count >= ProductHistoryWindow.Limit;
        // A later page leaves out the first assessment (the first page shows it) and the one named (the page after shows it).
        var page = through is null ? history : history.Where(a => a.Id != productId && a.Id != through).ToList();
        var oldestReassessment = page.FirstOrDefault(a => a.Id != productId);
        var latest = history[^1];
        return TypedResults.Ok(new ProductView(productId, latest.Company.Name, latest.Product.Name, page.Select(a => a.AsHistoryEntry()).ToList())
        {
            Capped = full,
            Next = full && oldestReassessment is not null
                ? $"/{Routes.Product.Replace("{productId}", Uri.EscapeDataString(productId))}?{BeforeField}={Uri.EscapeDataString(oldestReassessment.Id)}"
                : null,
            Stages = await funnel.ViewAsync(history, cancellationToken),
        });
    }

    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public async Task<Results<Ok<AssessmentList>, ValidationProblem>> List(HttpRequest request, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(request);
        var (query, errors) = AssessmentFilter.Parse(request.Query);
        var pageSize = DefaultPageSize;
        if (request.Query.TryGetValue("pageSize", out var size) && (!int.TryParse(size, out pageSize) || pageSize is < 1 or > MaxPageSize))
            errors["pageSize"] = [Messages.WholeNumberBetween(1, MaxPageSize)];
        var token = request.Query["continuationToken"].ToString();
        string? storeToken = null;
        if (token.Length > 0 && (storeToken = StoreTokenOf(token)) is null)
            errors["continuationToken"] = [Messages.UnknownContinuationToken];
        if (errors.Count > 0) return Problems.Invalid(errors, Messages.InvalidListFilters, texts);

        var page = await store.ListAsync(query, storeToken, pageSize, cancellationToken);
        return TypedResults.Ok(new AssessmentList(page.Items.Select(a => a.AsSummary()).ToList(),
            page.ContinuationToken is { } next ? _pageTokens.Protect(next) : null));
    }

    private string? StoreTokenOf(string token)
    {
        try
        {
            return _pageTokens.Unprotect(token);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The query parameter older result links carried the token in; now refused wherever it comes.</summary>
    public const string TokenQueryParameter = "token";

    /// <summary>The SME's token: from <see cref="TokenHeader"/> only, never the address (see <see cref="TokenInQuery"/>).</summary>
    internal static string? TokenOf(HttpRequest request) => request.Headers[TokenHeader].ToString() is { Length: > 0 } header ? header : null;

    /// <summary>
    /// A 400 naming <c>token</c> when the address carries one: a URL is kept by proxies, the Functions host's telemetry
    /// and browser history, so an old <c>?token=</c> link or client fails plainly instead of being served (or ignored).
    /// </summary>
    internal static ProblemHttpResult? TokenInQuery(HttpRequest request) =>
        request.Query.ContainsKey(TokenQueryParameter)
            ? Problems.InvalidField(TokenQueryParameter, Messages.TokenInHeaderOnly, ApiMessages.Of(request))
            : null;
}
