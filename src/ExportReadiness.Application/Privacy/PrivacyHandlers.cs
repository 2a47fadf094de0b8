using System.Text.Json;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// The GDPR operations: a product's data as one download (its SME's token or an advisor), and its erasure by its SME or an
/// advisor, or every product of a company by an advisor. An erasure answers its record, also when replayed.
/// </summary>
public sealed partial class PrivacyHandlers(
    AssessmentAccess access, IProductErasure erasure, ProductExport export, ProductAccessLog accessLog, IOptions<ExportReadinessOptions> options,
    ILogger<PrivacyHandlers> logger)
{
    public const string CompanyNameField = "companyName";
    public const int MaxCompanyName = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// Everything stored about the assessment's product (<see cref="ProductExportDocument"/>) as a JSON attachment: to the
    /// holder of any of its assessments' tokens (header only) and to advisors; 404 alike for an unknown id and a wrong token.
    /// </summary>
    public async Task<IResult> Export(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (AssessmentHandlers.TokenInQuery(context.Request) is { } inAddress) return inAddress;
        var token = AssessmentHandlers.TokenOf(context.Request);
        var assessment = await access.FindVisibleAsync(id, context, token, cancellationToken);
        if (assessment is null) return NotFound(context.Request);
        return await ExportAsync(assessment.ProductId, context, cancellationToken, AccessToken.Matches(token, assessment.AccessTokenHash) ? ProductAccess.Sme : null);
    }

    /// <summary>The product's document as an attachment (the API's and the result page's download), in the access log as an export by <paramref name="actor"/> (null: the signed-in advisor).</summary>
    public async Task<IResult> ExportAsync(string productId, HttpContext context, CancellationToken cancellationToken, string? actor)
    {
        if (await export.ReadAsync(productId, cancellationToken) is not { } document) return NotFound(context.Request);
        await accessLog.ProductAsync(context, productId, AccessKind.Export, cancellationToken, actor: actor);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{ProductExport.FileName(productId)}\"";
        return TypedResults.Json(document, Json);
    }

    /// <summary>
    /// The SME erases its product with any of its assessments' tokens (<c>X-Assessment-Token</c>): 200 with the erasure record.
    /// A replay (the assessment gone, the same token) answers the same record; an unknown id or a wrong token, 404.
    /// </summary>
    public async Task<Results<Ok<ErasureView>, ProblemHttpResult>> EraseBySme(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (AssessmentHandlers.TokenInQuery(context.Request) is { } inAddress) return inAddress;
        if (AssessmentHandlers.TokenOf(context.Request) is not { } token) return NotFound(context.Request);
        return await EraseWithTokenAsync(id, token, context, cancellationToken) is { } record ? TypedResults.Ok(ErasureView.Of(record)) : NotFound(context.Request);
    }

    /// <summary>Erases the product of the assessment whose token this is (or answers the erasure already made with it); null for anyone else.</summary>
    public async Task<ErasureRecord?> EraseWithTokenAsync(string id, string token, HttpContext context, CancellationToken cancellationToken)
    {
        if (await access.FindByTokenAsync(id, token, cancellationToken) is { } assessment)
        {
            await accessLog.AssessmentAsync(context, assessment, AccessKind.Erase, cancellationToken, ProductAccess.Sme);
            var record = await erasure.EraseAsync(assessment.ProductId, ErasureRequest.BySme, cancellationToken);
            LogErased(record.ProductId, record.Reason);
            return record;
        }
        return await erasure.ErasedWithTokenAsync(id, token, cancellationToken);
    }

    /// <summary>An advisor erases one product: 200 with the record (the same on a replay), 404 for a product never stored.</summary>
    public async Task<Results<Ok<ErasureView>, ProblemHttpResult>> EraseProduct(string productId, HttpContext context, CancellationToken cancellationToken)
    {
        // A product erased before (completely or not: this run completes it) is answered with its record; one never stored, 404.
        if (await erasure.FindAsync(productId, cancellationToken) is null && (await erasure.AssessmentsOfAsync(productId, cancellationToken)).Count == 0)
            return Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoSuchProduct, ApiMessages.Of(context.Request));
        await accessLog.ProductAsync(context, productId, AccessKind.Erase, cancellationToken);
        var record = await erasure.EraseAsync(productId, ErasureRequest.ByAdvisor(AdvisorOf(context)), cancellationToken);
        LogErased(record.ProductId, record.Reason);
        return TypedResults.Ok(ErasureView.Of(record));
    }

    /// <summary>
    /// An advisor erases a company: every product with an assessment under exactly that name (trimmed, case-insensitive).
    /// A scan of the assessments (names are no key): seconds per hundred thousand rows, so an advisor's request, never a page's.
    /// </summary>
    public async Task<Results<Ok<CompanyErasureView>, ProblemHttpResult, ValidationProblem>> EraseCompany(HttpContext context, CancellationToken cancellationToken)
    {
        var texts = ApiMessages.Of(context.Request);
        var (body, problem) = await JsonBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        var name = body!.Root.ValueKind == JsonValueKind.Object && body.Root.TryGetProperty(CompanyNameField, out var field) ? field : default;
        if (name.ValueKind != JsonValueKind.String || name.GetString()!.Trim() is not { Length: > 0 } companyName)
            return Problems.Invalid(CompanyNameField, name.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? Messages.ValueRequired : Messages.ExpectedString, texts);
        if (companyName.Length > MaxCompanyName) return Problems.Invalid(CompanyNameField, Messages.AtMostCharacters(MaxCompanyName), texts);

        var advisor = AdvisorOf(context);
        var erased = new List<ErasureView>();
        await foreach (var productId in erasure.ProductsOfCompanyAsync(companyName, cancellationToken))
        {
            await accessLog.ProductAsync(context, productId, AccessKind.Erase, cancellationToken);
            erased.Add(ErasureView.Of(await erasure.EraseAsync(productId, ErasureRequest.ByAdvisor(advisor, ErasureReasons.CompanyRequest), cancellationToken)));
        }
        LogCompanyErased(erased.Count, advisor);
        return TypedResults.Ok(new CompanyErasureView(erased.Count, erased));
    }

    /// <summary>The policy has signed the advisor in; the name is recorded with the erasure.</summary>
    private static string AdvisorOf(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "advisor";

    private static ProblemHttpResult NotFound(HttpRequest request) =>
        Problems.Status(StatusCodes.Status404NotFound, Messages.NotFound, Messages.NoVisibleAssessment, ApiMessages.Of(request));

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {ProductId} erased ({Reason})")]
    private partial void LogErased(string productId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Products} products of a company erased by {Advisor}")]
    private partial void LogCompanyErased(int products, string advisor);
}
