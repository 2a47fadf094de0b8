using System.Collections.Concurrent;
using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Testing.InMemory;

/// <summary><see cref="IAccessLog"/> in memory, as <c>TableAccessLog</c>: kept by month, a product's entries newest first, a month expired whole.</summary>
public sealed class InMemoryAccessLog : IAccessLog
{
    private readonly ConcurrentQueue<ProductAccess> _entries = new();

    public IReadOnlyList<ProductAccess> Entries => [.. _entries];

    public Task RecordAsync(ProductAccess access, CancellationToken cancellationToken) => StorageCall.Do(cancellationToken, () => _entries.Enqueue(access));

    public Task<IReadOnlyList<ProductAccess>> ForProductAsync(string productId, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<ProductAccess>>(cancellationToken, () =>
            _entries.Where(e => e.ProductId == productId && productId != ProductAccess.EveryProduct && e.At >= since).OrderByDescending(e => e.At).Take(limit).ToList());

    public Task<int> ExpireBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) => StorageCall.Answer(cancellationToken, () =>
    {
        var firstKept = ProductAccess.MonthOf(before);
        var kept = _entries.Where(e => e.At >= firstKept).ToList();
        var deleted = _entries.Count - kept.Count;
        _entries.Clear();
        foreach (var entry in kept) _entries.Enqueue(entry);
        return deleted;
    });
}
