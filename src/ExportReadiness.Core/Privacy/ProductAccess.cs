namespace ExportReadiness.Core.Privacy;

/// <summary>What was done to a product's data: read, changed, exported (portability), erased, or read in bulk.</summary>
public enum AccessKind
{
    Read,
    Change,
    Export,
    Erase,
}

/// <summary>
/// One entry of the access log: who (<see cref="Actor"/>: an advisor's name, <see cref="Sme"/> for the holder of a
/// product's token, <see cref="Retention"/> for the expiry timer) did what to which product, through which operation.
/// <see cref="ProductId"/> is <see cref="EveryProduct"/> for a list or an export over many products, with the filters in
/// <see cref="Scope"/>. Nothing of the product's data is in an entry: an erased product's entries stay, as the record
/// of who handled it.
/// </summary>
public sealed record ProductAccess(DateTimeOffset At, string ProductId, string Actor, AccessKind Kind, string Operation, string? AssessmentId = null, string? Scope = null)
{
    public const string Sme = "sme";
    public const string Retention = "retention";
    public const string EveryProduct = "*";

    /// <summary>The first instant (UTC) of the month <paramref name="at"/> falls in: the log is kept, read and expired by whole months.</summary>
    public static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
