using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Application.Privacy;

/// <summary>The wire shape of an erasure's confirmation: the same for the first request and every replay of it.</summary>
public sealed record ErasureView(string ProductId, DateTimeOffset ErasedAt, string ErasedBy, string Reason, IReadOnlyDictionary<string, int> Removed)
{
    public static ErasureView Of(ErasureRecord r) => new(r.ProductId, r.ErasedAt, r.ErasedBy, r.Reason, r.Removed);
}

/// <summary>An advisor's erasure of a company: each of its products' confirmations.</summary>
public sealed record CompanyErasureView(int Products, IReadOnlyList<ErasureView> Erasures);
