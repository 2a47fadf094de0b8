using System.Runtime.CompilerServices;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Testing.InMemory;

/// <summary>
/// <see cref="IActionPlanStore"/> in memory, as <c>TableActionPlanStore</c>: one partition per product, actions in id order,
/// an add that never overwrites, a change conditional on the version it replaces.
/// </summary>
public sealed class InMemoryActionPlanStore(TimeProvider? clock = null) : IActionPlanStore
{
    private readonly InMemoryTable<PlannedAction> _table = new(clock ?? TimeProvider.System);

    public Task<IReadOnlyList<PlannedAction>> ListAsync(string productId, CancellationToken cancellationToken) =>
        StorageCall.Answer<IReadOnlyList<PlannedAction>>(cancellationToken, () => Identifiers.IsValid(productId) ? _table.Partition(productId).Select(Read).ToList() : []);

    public Task<PlannedAction?> FindAsync(string productId, string actionId, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Identifiers.IsValid(productId) && Identifiers.IsValid(actionId) && _table.Get(productId, actionId) is { } row ? Read(row) : null);

    public Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> AddAsync(PlannedAction action, CancellationToken cancellationToken) =>
        StorageCall.Answer(cancellationToken, () => Saved(_table.TryAdd(action.ProductId, action.Id, action with { ConcurrencyToken = null })));

    public Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> ReplaceAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var version = action.ConcurrencyToken ?? throw new ArgumentException("A change needs the version it replaces.", nameof(action));
        return StorageCall.Answer(cancellationToken, () => Saved(_table.TryReplace(action.ProductId, action.Id, action with { ConcurrencyToken = null }, version)));
    }

    public async IAsyncEnumerable<PlannedAction> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in _table.All())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Read(row);
        }
        await Task.CompletedTask;
    }

    private static (ActionSaveOutcome, PlannedAction?) Saved((TableWrite Outcome, InMemoryTable<PlannedAction>.Row? Row) write) =>
        write.Outcome == TableWrite.Written ? (ActionSaveOutcome.Saved, Read(write.Row!)) : (ActionSaveOutcome.Conflict, null);

    private static PlannedAction Read(InMemoryTable<PlannedAction>.Row row) => row.Value with { ConcurrencyToken = row.ETag };
}
