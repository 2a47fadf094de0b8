using System.Text.Json;
using Azure.Data.Tables;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Storage.Training;

/// <summary>
/// ModelRuns table: one partition, RowKey = run id, which sorts newest first (inverted ticks). The run is
/// stored as JSON plus the few columns worth filtering on.
/// </summary>
public sealed class TableModelRunStore(StorageClients clients) : IModelRunStore
{
    private const string Partition = "runs";
    private readonly TableClient _table = clients.Table(StorageNames.ModelRunsTable);

    /// <summary>Reverse ticks: Table Storage lists rows by key, so the newest run comes first.</summary>
    public string NewRunId(DateTimeOffset startedAt) => $"{DateTimeOffset.MaxValue.UtcTicks - startedAt.UtcTicks:D19}";

    public Task SaveAsync(ModelRun run, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToEntity(run), TableUpdateMode.Replace, cancellationToken);

    public async Task<(ModelRun Run, string Version)?> GetVersionedAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(id)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<bool> TryReplaceAsync(ModelRun run, string version, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(run), new Azure.ETag(version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(ModelRun run) => new(Partition, run.Id)
    {
        ["Status"] = run.Status.ToString(),
        ["Phase"] = run.Phase.ToString(),
        ["StartedAt"] = run.StartedAt,
        ["Published"] = run.Published,
        ["Json"] = JsonSerializer.Serialize(run, QuestionnaireSchema.JsonOptions),
    };

    public async Task<ModelRun?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(id)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ModelRun>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var runs = new List<ModelRun>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, count, cancellationToken: cancellationToken))
        {
            runs.Add(FromEntity(row));
            if (runs.Count == count) break;
        }
        return runs;
    }

    private static ModelRun FromEntity(TableEntity e) =>
        JsonSerializer.Deserialize<ModelRun>(e.GetString("Json")!, QuestionnaireSchema.JsonOptions)!;
}
