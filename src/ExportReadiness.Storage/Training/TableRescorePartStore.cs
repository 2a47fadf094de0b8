using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Storage.Training;

/// <summary>RescoreParts table: PartitionKey = run id, RowKey = part id; a run's parts are one partition query.</summary>
public sealed class TableRescorePartStore(StorageClients clients) : IRescorePartStore
{
    private readonly TableClient _table = clients.Table(StorageNames.RescorePartsTable);

    public async Task AddAsync(IReadOnlyList<RescorePart> parts, CancellationToken cancellationToken)
    {
        foreach (var chunk in parts.GroupBy(p => p.RunId).SelectMany(g => g.Chunk(TableKeys.MaxTransactionSize)))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(p => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(p))), cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // Some exist already (a fan-out or a split done again): add the rest one by one, never overwrite progress.
                foreach (var part in chunk) await AddOneAsync(part, cancellationToken);
            }
        }
    }

    private async Task AddOneAsync(RescorePart part, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(part), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
    }

    public async Task<RescorePart?> GetAsync(string runId, string partId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(runId) || !TableKeys.IsValid(partId)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(runId, partId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<RescorePart?> TryReplaceAsync(RescorePart part, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(part), part.ConcurrencyToken is { } token ? new ETag(token) : ETag.All, TableUpdateMode.Replace, cancellationToken);
            return part with { ConcurrencyToken = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<RescorePart>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        var parts = new List<RescorePart>();
        if (!TableKeys.IsValid(runId)) return parts;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), 1000, cancellationToken: cancellationToken))
            parts.Add(FromEntity(row));
        return parts;
    }

    private static TableEntity ToEntity(RescorePart p) => new(p.RunId, p.Id)
    {
        ["Programme"] = p.Programme,
        ["From"] = p.From,
        ["To"] = p.To,
        ["Status"] = p.Status.ToString(),
        ["SplitAt"] = p.SplitAt,
        ["Rescored"] = p.Rescored,
        ["Unscorable"] = p.Unscorable,
        ["SettledAt"] = p.SettledAt,
        ["Error"] = p.Error is { Length: > 4000 } error ? error[..4000] : p.Error,
    };

    private static RescorePart FromEntity(TableEntity e) => new()
    {
        RunId = e.PartitionKey,
        Id = e.RowKey,
        Programme = e.GetString("Programme"),
        From = e.GetString("From") ?? "",
        To = e.GetString("To"),
        Status = Enum.Parse<RescorePartStatus>(e.GetString("Status")),
        SplitAt = e.GetString("SplitAt"),
        Rescored = e.GetInt32("Rescored") ?? 0,
        Unscorable = e.GetInt32("Unscorable") ?? 0,
        SettledAt = e.GetDateTimeOffset("SettledAt"),
        Error = e.GetString("Error"),
        WrittenAt = e.Timestamp,
        ConcurrencyToken = e.ETag.ToString(),
    };
}
