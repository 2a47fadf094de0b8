using System.Text.Json;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Reviews;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// Everything stored about a product, as one document (the GDPR rights of access and portability): every assessment with its
/// company, product, answers, status, scores and model version; each one's review in force and review history, internal notes
/// and verdicts included (they are data about the company, and the access right covers an advisor's assessment of it); the
/// funnel moves; the action plan with its owners; and each raw submission as it was sent. Never a token or its hash.
/// </summary>
public sealed record ProductExportDocument(
    string ProductId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedAssessment> Assessments,
    IReadOnlyList<StageMove> StageMoves,
    IReadOnlyList<PlannedAction> ActionPlan);

/// <summary>One assessment in the export: as an advisor reads it, its reviews, and the raw submission (null for a batch row, whose line is in the batch file).</summary>
public sealed record ExportedAssessment(AssessmentView Assessment, string? BatchId, Review? Review, IReadOnlyList<Review> ReviewHistory, JsonElement? Submission);

/// <summary>Builds <see cref="ProductExportDocument"/> from every store that holds something of the product.</summary>
public sealed class ProductExport(IProductErasure products, IReviewStore reviews, IStageMoveStore moves, IActionPlanStore actions, ISubmissionArchive submissions, TimeProvider clock)
{
    /// <summary>The product's document; null when nothing is stored about it (unknown or erased).</summary>
    public async Task<ProductExportDocument?> ReadAsync(string productId, CancellationToken cancellationToken)
    {
        var assessments = await products.AssessmentsOfAsync(productId, cancellationToken);
        if (assessments.Count == 0) return null;
        var exported = new List<ExportedAssessment>(assessments.Count);
        foreach (var a in assessments)
        {
            var raw = await submissions.GetAsync(a.Id, cancellationToken);
            exported.Add(new ExportedAssessment(a.AsView(), a.BatchId, await reviews.GetAsync(a.Id, cancellationToken),
                await reviews.HistoryAsync(a.Id, cancellationToken), raw is { } bytes ? Parsed(bytes) : null));
        }
        return new ProductExportDocument(productId, clock.GetUtcNow(), exported,
            await moves.ForProductAsync(productId, cancellationToken), await actions.ListAsync(productId, cancellationToken));
    }

    /// <summary>The submission as sent; one that is not JSON (never, as submissions are validated first) as its text.</summary>
    private static JsonElement Parsed(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(bytes.Span));
        }
    }

    /// <summary>The download's file name: the product's id only (a company name in a header would be logged by proxies).</summary>
    public static string FileName(string productId) => $"exportreadiness-{productId}.json";
}
