using System.Runtime.CompilerServices;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Application.Funnel;

/// <summary>
/// The funnel export's products, streamed: each is produced as the scan of the filtered assessments reaches the product's
/// first assessment among them, so the first row needs one page of the scan, and nothing grows with the number of
/// products. A product assessed once (most) is its assessment and its moves, read in step with the scan by one sequential
/// read of the product index and one of the stage moves (<see cref="OrderedCursor{T}"/>: the scan of a programme comes
/// in product id order); a re-assessed product is looked up on its own (its bounded history and its moves). The rows
/// are those of <see cref="FunnelReader.ProductsAsync"/> (intake programme and date from the first filtered assessment,
/// names from the latest), in the scan's order: by programme, then by the id of that first assessment (for a first
/// assessment, the product id), rather than by programme, intake and product.
/// </summary>
public sealed class FunnelExport(IAssessmentStore store, IProductIndex products, IStageMoveStore moves, FunnelReader funnel)
{
    /// <summary>
    /// Re-assessed products looked up ahead of the row being written: enough to hide the lookups' latency behind each
    /// other, few enough that one export never holds more than this many histories or puts more calls than this on
    /// storage at once.
    /// </summary>
    public const int LookAhead = 8;

    public async IAsyncEnumerable<FunnelProduct> ProductsAsync(AssessmentQuery query, int? cohort, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = funnel.Today;
        await using var reassessed = new OrderedCursor<string>(products.ReassessedFromAsync, id => id);
        await using var stageMoves = new OrderedCursor<StageMove>(moves.FromAsync, m => m.ProductId);
        var ahead = new Queue<Task<FunnelProduct?>>(LookAhead);
        await foreach (var assessment in store.ScanAsync(query, cancellationToken))
        {
            var once = assessment.Id == assessment.ProductId && (await reassessed.TakeAsync(assessment.Id, cancellationToken)).Count == 0;
            ahead.Enqueue(once
                ? Task.FromResult(Product(assessment, assessment, await stageMoves.TakeAsync(assessment.Id, cancellationToken), cohort, today))
                : LookUpAsync(assessment, query, cohort, today, cancellationToken));
            if (ahead.Count >= LookAhead && await ahead.Dequeue() is { } product) yield return product;
        }
        while (ahead.Count > 0)
            if (await ahead.Dequeue() is { } product) yield return product;
    }

    /// <summary>
    /// The product of a re-assessed product's assessment when it is the first the filter selects; null when an earlier one
    /// of the same product matches the filter too (that one carries the product).
    /// </summary>
    private async Task<FunnelProduct?> LookUpAsync(Assessment assessment, AssessmentQuery query, int? cohort, DateOnly today, CancellationToken cancellationToken)
    {
        var latest = await store.ProductHistoryAsync(assessment.ProductId, null, cancellationToken);
        // A re-assessment older than the latest window is judged by the window up to it, which always holds the product's first.
        var upToIt = latest.Any(a => a.Id == assessment.Id) ? latest : await store.ProductHistoryAsync(assessment.ProductId, assessment.Id, cancellationToken);
        if (upToIt.Where(query.Matches).FirstOrDefault() is { } first && first.Id != assessment.Id && IsEarlier(first, assessment)) return null;
        var named = latest.Where(query.Matches).LastOrDefault() is { } newest && !IsEarlier(newest, assessment) ? newest : assessment;
        return Product(assessment, named, await moves.ForProductAsync(assessment.ProductId, cancellationToken), cohort, today);
    }

    /// <summary>The row: intake from <paramref name="first"/>, names from <paramref name="named"/>; null outside the cohort asked for.</summary>
    private FunnelProduct? Product(Assessment first, Assessment named, IReadOnlyList<StageMove> productMoves, int? cohort, DateOnly today)
    {
        var ordered = productMoves.OrderBy(m => m.Date).ThenBy(m => m.RecordedAt).ToList();
        var timeline = ProductTimeline.Build(funnel.Stages, DateOnly.FromDateTime(first.SubmittedAt.UtcDateTime), ordered, today);
        return cohort is { } year && timeline.Cohort != year ? null
            : new FunnelProduct(first.ProductId, first.Programme, named.Company.Name, named.Product.Name, timeline);
    }

    /// <summary>A history's order: by submission time, then id.</summary>
    private static bool IsEarlier(Assessment a, Assessment b) =>
        a.SubmittedAt < b.SubmittedAt || (a.SubmittedAt == b.SubmittedAt && string.CompareOrdinal(a.Id, b.Id) < 0);
}
