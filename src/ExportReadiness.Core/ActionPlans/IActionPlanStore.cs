namespace ExportReadiness.Core.ActionPlans;

public enum ActionSaveOutcome
{
    Saved,

    /// <summary>The expected version is not the stored one (changed in between), or, when adding, the id is taken.</summary>
    Conflict,
}

/// <summary>Where product plans live (Table Storage: one partition per product).</summary>
public interface IActionPlanStore
{
    /// <summary>Every action of a product; empty for a product without a plan.</summary>
    Task<IReadOnlyList<PlannedAction>> ListAsync(string productId, CancellationToken cancellationToken);

    Task<PlannedAction?> FindAsync(string productId, string actionId, CancellationToken cancellationToken);

    /// <summary>Adds a new action; <see cref="ActionSaveOutcome.Conflict"/> when its id exists already. Returns the stored action with its version.</summary>
    Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> AddAsync(PlannedAction action, CancellationToken cancellationToken);

    /// <summary>Replaces the action if its stored version is still <see cref="PlannedAction.ConcurrencyToken"/>.</summary>
    Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> ReplaceAsync(PlannedAction action, CancellationToken cancellationToken);

    /// <summary>Every action of every product, product by product (the advisors' export).</summary>
    IAsyncEnumerable<PlannedAction> ScanAsync(CancellationToken cancellationToken);
}
