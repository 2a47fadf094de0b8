using System.Runtime.CompilerServices;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Application.Funnel;

/// <summary>
/// The funnel export's products, streamed: each is produced as the scan of the filtered assessments reaches the product's
/// first assessment among them, from that product's own history and moves, so the first row needs one page of the scan
/// and a few lookups, and nothing grows with the number of products. The rows are those of
/// <see cref="FunnelReader.ProductsAsync"/> (intake programme and date from the first filtered assessment, names from the
/// latest), in the scan's order: by programme, then by the id of that first assessment (for a first assessment, the
/// product id), rather than by programme, intake and product.
/// </summary>
public sealed class FunnelExport(IAssessmentStore store, IStageMoveStore moves, FunnelReader funnel)
{
    /// <summary>
    /// Products looked up ahead of the row being written: enough to hide the lookups' latency behind each other, few enough
    /// that one export never holds more than this many histories or puts more calls than this on storage at once.
    /// </summary>
    public const int LookAhead = 8;

    public async IAsyncEnumerable<FunnelProduct> ProductsAsync(AssessmentQuery query, int? cohort, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = funnel.Today;
        var ahead = new Queue<Task<FunnelProduct?>>(LookAhead);
        await foreach (var assessment in store.ScanAsync(query, cancellationToken))
        {
            ahead.Enqueue(ProductAsync(assessment, query, cohort, today, cancellationToken));
            if (ahead.Count >= LookAhead && await ahead.Dequeue() is { } product) yield return product;
        }
        while (ahead.Count > 0)
            if (await ahead.Dequeue() is { } product) yield return product;
    }

    /// <summary>
    /// The product whose first filtered assessment <paramref name="assessment"/> is; null when an earlier one of the same
    /// product matches the filter too (that one carries the product) or the product's intake is not the cohort asked for.
    /// </summary>
    private async Task<FunnelProduct?> ProductAsync(Assessment assessment, AssessmentQuery query, int? cohort, DateOnly today, CancellationToken cancellationToken)
    {
        var latest = await store.ProductHistoryAsync(assessment.ProductId, null, cancellationToken);
        // A re-assessment older than the latest window is judged by the window up to it, which always holds the product's first.
        var upToIt = latest.Any(a => a.Id == assessment.Id) ? latest : await store.ProductHistoryAsync(assessment.ProductId, assessment.Id, cancellationToken);
        if (upToIt.Where(query.Matches).FirstOrDefault() is { } first && first.Id != assessment.Id && IsEarlier(first, assessment)) return null;

        var named = latest.Where(query.Matches).LastOrDefault() is { } newest && !IsEarlier(newest, assessment) ? newest : assessment;
        var timeline = ProductTimeline.Build(funnel.Stages, DateOnly.FromDateTime(assessment.SubmittedAt.UtcDateTime),
            await moves.ForProductAsync(assessment.ProductId, cancellationToken), today);
        if (cohort is { } year && timeline.Cohort != year) return null;
        return new FunnelProduct(assessment.ProductId, assessment.Programme, named.Company.Name, named.Product.Name, timeline);
    }

    /// <summary>A history's order: by submission time, then id.</summary>
    private static bool IsEarlier(Assessment a, Assessment b) =>
        a.SubmittedAt < b.SubmittedAt || (a.SubmittedAt == b.SubmittedAt && string.CompareOrdinal(a.Id, b.Id) < 0);
}
