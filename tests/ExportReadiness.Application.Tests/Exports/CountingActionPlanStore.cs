using System.Runtime.CompilerServices;
using ExportReadiness.Core.ActionPlans;

namespace ExportReadiness.Application.Tests.Exports;

/// <summary>The action-plan store with a count of the actions a handler has taken from it.</summary>
public sealed class CountingActionPlanStore(IActionPlanStore inner) : IActionPlanStore
{
    private long _read;

    public long Read => Interlocked.Read(ref _read);

    public async IAsyncEnumerable<PlannedAction> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var action in inner.ScanAsync(cancellationToken))
        {
            Interlocked.Increment(ref _read);
            yield return action;
        }
    }

    public async Task<IReadOnlyList<PlannedAction>> ListAsync(string productId, CancellationToken cancellationToken)
    {
        var actions = await inner.ListAsync(productId, cancellationToken);
        Interlocked.Add(ref _read, actions.Count);
        return actions;
    }

    public Task<PlannedAction?> FindAsync(string productId, string actionId, CancellationToken cancellationToken) => inner.FindAsync(productId, actionId, cancellationToken);

    public Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> AddAsync(PlannedAction action, CancellationToken cancellationToken) => inner.AddAsync(action, cancellationToken);

    public Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> ReplaceAsync(PlannedAction action, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(action, cancellationToken);
}
