using ExportReadiness.Core.Privacy;

namespace ExportReadiness.Application.Privacy;

/// <summary>
/// A write about a product that checked the product exists and then wrote (a re-assessment, a review, a stage move, an action)
/// may straddle that product's erasure: checked before, written after. So after writing it asks for the product's erasure
/// record (written before the erasure removes anything) and, finding one, runs the erasure again, which takes what the write
/// added away; the caller then answers as for a product that is gone. One point read per such write.
/// </summary>
public sealed class ErasureGuard(IProductErasure erasure)
{
    /// <summary>True when the product was erased (and what was just written about it is gone again).</summary>
    public async Task<bool> UndoIfErasedAsync(string productId, CancellationToken cancellationToken)
    {
        if (await erasure.FindAsync(productId, cancellationToken) is not { } record) return false;
        await erasure.EraseAsync(productId, new ErasureRequest(record.ErasedBy, record.Reason), CancellationToken.None);
        return true;
    }
}
