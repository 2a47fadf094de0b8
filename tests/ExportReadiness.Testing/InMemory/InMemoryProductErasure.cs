using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IProductErasure"/> over the in-memory stores: the product's rows and their index entries go, the record and a
/// receipt per assessment are kept. Its reviews, moves and actions are left in their fakes; the adapter's test
/// (<c>ProductErasureTests</c>, on Azurite) is where erasure reaching every table is proven.
/// </summary>
public sealed class InMemoryProductErasure(InMemoryAssessmentStore store, TimeProvider clock) : IProductErasure
{
    private readonly ConcurrentDictionary<string, ErasureRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ProductId, string TokenHash)> _receipts = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Assessment>> AssessmentsOfAsync(string productId, CancellationToken cancellationToken) =>
        Task.FromResult(store.OfProduct(productId));

    public Task<ErasureRecord?> FindAsync(string productId, CancellationToken cancellationToken) => Task.FromResult(_records.GetValueOrDefault(productId));

    public Task<ErasureRecord?> ErasedWithTokenAsync(string assessmentId, string token, CancellationToken cancellationToken) =>
        Task.FromResult(_receipts.TryGetValue(assessmentId, out var r) && AccessToken.Matches(token, r.TokenHash) ? _records.GetValueOrDefault(r.ProductId) : null);

    public Task<ErasureRecord> EraseAsync(string productId, ErasureRequest request, CancellationToken cancellationToken)
    {
        foreach (var a in store.OfProduct(productId)) _receipts[a.Id] = (productId, a.AccessTokenHash);
        var removed = store.RemoveProduct(productId);
        return Task.FromResult(_records.GetOrAdd(productId, _ => new ErasureRecord(productId, clock.GetUtcNow(), request.ErasedBy, request.Reason,
            new Dictionary<string, int> { [ErasedKinds.Assessments] = removed }, Completed: true)));
    }

    public async IAsyncEnumerable<string> ProductsOfCompanyAsync(string companyName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var a in store.ScanAsync(new AssessmentQuery(), cancellationToken))
            if (string.Equals(a.Company.Name.Trim(), companyName.Trim(), StringComparison.OrdinalIgnoreCase) && seen.Add(a.ProductId)) yield return a.ProductId;
    }

    public async IAsyncEnumerable<string> InactiveSinceAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var a in store.ScanAsync(new AssessmentQuery(), cancellationToken))
        {
            var at = a.Review is { } r && r.ReviewedAt > a.SubmittedAt ? r.ReviewedAt : a.SubmittedAt;
            if (!last.TryGetValue(a.ProductId, out var known) || at > known) last[a.ProductId] = at;
        }
        foreach (var (product, at) in last.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (at < before) yield return product;
    }
}
