using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.ActionPlans;

namespace ExportReadiness.Storage.ActionPlans;

/// <summary>
/// ActionPlans table: PartitionKey = product id (its first assessment's id), RowKey = action id, so a product's plan is
/// one partition query. An add is an insert (a taken id is a conflict, never an overwrite); a change is a replace
/// conditional on the row's ETag, which is the version clients send in If-Match.
/// </summary>
public sealed class TableActionPlanStore(StorageClients clients) : IActionPlanStore
{
    private const string DateFormat = "yyyy-MM-dd";
    private readonly TableClient _table = clients.Table(StorageNames.ActionPlansTable);

    public async Task<IReadOnlyList<PlannedAction>> ListAsync(string productId, CancellationToken cancellationToken)
    {
        var plan = new List<PlannedAction>();
        if (!TableKeys.IsValid(productId)) return plan;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {productId}"), cancellationToken: cancellationToken))
            plan.Add(FromEntity(row));
        return plan;
    }

    public async Task<PlannedAction?> FindAsync(string productId, string actionId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(productId) || !TableKeys.IsValid(actionId)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(productId, actionId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> AddAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(action), cancellationToken);
            return (ActionSaveOutcome.Saved, action with { ConcurrencyToken = response.Headers.ETag?.ToString() });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (ActionSaveOutcome.Conflict, null);
        }
    }

    public async Task<(ActionSaveOutcome Outcome, PlannedAction? Saved)> ReplaceAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(action), new ETag(action.ConcurrencyToken ?? throw new ArgumentException("A change needs the version it replaces.", nameof(action))),
                TableUpdateMode.Replace, cancellationToken);
            return (ActionSaveOutcome.Saved, action with { ConcurrencyToken = response.Headers.ETag?.ToString() });
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return (ActionSaveOutcome.Conflict, null);
        }
    }

    public async IAsyncEnumerable<PlannedAction> ScanAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in _table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
            yield return FromEntity(row);
    }

    private static TableEntity ToEntity(PlannedAction a) => new(a.ProductId, a.Id)
    {
        ["QuestionId"] = a.QuestionId,
        ["Dimension"] = a.Dimension,
        ["Title"] = a.Title,
        ["Owner"] = a.Owner,
        // A date, not a time: stored as text so no time zone can move it to the day before.
        ["DueDate"] = a.DueDate.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["Status"] = a.Status.ToString(),
        ["CreatedAt"] = a.CreatedAt,
        ["CreatedBy"] = a.CreatedBy,
        ["FromAssessmentId"] = a.FromAssessmentId,
        ["DoneAt"] = a.DoneAt,
    };

    private static PlannedAction FromEntity(TableEntity e) => new(
        e.RowKey,
        e.PartitionKey,
        e.GetString("QuestionId") ?? "",
        e.GetString("Dimension") ?? "",
        e.GetString("Title") ?? "",
        e.GetString("Owner") ?? "",
        DateOnly.ParseExact(e.GetString("DueDate") ?? "2000-01-01", DateFormat, CultureInfo.InvariantCulture),
        Enum.TryParse<ActionStatus>(e.GetString("Status"), out var status) ? status : ActionStatus.Planned,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CreatedBy") ?? "",
        e.GetString("FromAssessmentId") ?? "",
        e.GetDateTimeOffset("DoneAt"),
        e.ETag.ToString());
}
