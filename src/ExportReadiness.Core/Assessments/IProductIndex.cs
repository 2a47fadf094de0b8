namespace ExportReadiness.Core.Assessments;

/// <summary>
/// Which products were re-assessed, read in product id order: an export that walks products in that order learns, one
/// sequential read for all of them, which products are more than their first assessment.
/// </summary>
public interface IProductIndex
{
    /// <summary>The ids of the products re-assessed at least once, from <paramref name="fromProductId"/> on, each once, in ordinal order.</summary>
    IAsyncEnumerable<string> ReassessedFromAsync(string fromProductId, CancellationToken cancellationToken);
}
