namespace ExportReadiness.Core.Assessments;

public static class ScanTaps
{
    /// <summary>
    /// Passes the items on unchanged, showing each to <paramref name="see"/> on the way: one scan of the assessments
    /// feeds several reports, each reading what it needs as the rows go by.
    /// </summary>
    public static async IAsyncEnumerable<T> Passing<T>(this IAsyncEnumerable<T> items, Action<T> see,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            see(item);
            yield return item;
        }
    }
}
