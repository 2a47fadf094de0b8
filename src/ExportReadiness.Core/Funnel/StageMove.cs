namespace ExportReadiness.Core.Funnel;

/// <summary>
/// An advisor moved a product to a stage: <see cref="Date"/> is the calendar day the product entered it (the
/// advisor's word, not the time of recording), <see cref="Note"/> is internal, <see cref="Advisor"/> the signed-in
/// advisor. Moves may skip stages or go back.
/// </summary>
public sealed record StageMove(string ProductId, string Stage, DateOnly Date, string Note, string Advisor, DateTimeOffset RecordedAt);

/// <summary>Where stage moves live (Table Storage in production).</summary>
public interface IStageMoveStore
{
    /// <summary>
    /// Records the move unless the product already has one to the same stage on the same date: a retried request
    /// records nothing twice. True when it was recorded now, false when it was there already (left as it was).
    /// </summary>
    Task<bool> AddAsync(StageMove move, CancellationToken cancellationToken);

    /// <summary>The product's moves, in the order they happened (date, then time of recording).</summary>
    Task<IReadOnlyList<StageMove>> ForProductAsync(string productId, CancellationToken cancellationToken);

    /// <summary>
    /// The moves of every product from <paramref name="fromProductId"/> on, product by product in id order (ordinal), in
    /// no particular order within a product: one sequential read for an export that walks its products in that order.
    /// </summary>
    IAsyncEnumerable<StageMove> FromAsync(string fromProductId, CancellationToken cancellationToken);

    /// <summary>Every product's moves, keyed by product id: one pass for a report.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<StageMove>>> AllAsync(CancellationToken cancellationToken);
}
