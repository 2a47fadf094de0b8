namespace ExportReadiness.Core.Privacy;

/// <summary>
/// Who read or changed which product, kept for its own time (<c>ExportReadiness:AccessLog:RetentionMonths</c>), not
/// the product's: entries are kept by month, so expiring them never reads what is kept.
/// </summary>
public interface IAccessLog
{
    Task RecordAsync(ProductAccess access, CancellationToken cancellationToken);

    /// <summary>A product's entries (bulk ones excluded) since <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ProductAccess>> ForProductAsync(string productId, DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes every entry of a month before <paramref name="before"/>'s month; the number deleted.</summary>
    Task<int> ExpireBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
