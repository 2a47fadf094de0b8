using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Storage.Training;

/// <summary>
/// Kept outcome sets: a row per set in the <c>OutcomeSets</c> table (one partition, the set as JSON) and its labelled rows as
/// <c>outcomesets/{id}/rows.csv</c> in the training-file format (<see cref="TrainingCsv"/>). The rows are written before the
/// table row, so a listed set always has its rows; removing deletes the row first, so a set half-removed is no longer used.
/// </summary>
public sealed class StorageOutcomeSetStore(StorageClients clients, QuestionnaireSchema schema) : IOutcomeSetStore
{
    private const string Partition = "sets";
    private readonly TableClient _table = clients.Table(StorageNames.OutcomeSetsTable);
    private readonly BlobContainerClient _container = clients.Container(StorageNames.OutcomeSetsContainer);

    public async Task<(OutcomeSet Set, bool Created)> AddAsync(OutcomeSet set, IReadOnlyList<LabelledAssessment> rows, CancellationToken cancellationToken)
    {
        if (await GetAsync(set.Id, cancellationToken) is { } kept) return (kept, false);
        using var writer = new StringWriter { NewLine = "\n" };
        TrainingCsv.Write(writer, schema, rows);
        await _container.GetBlobClient(RowsBlob(set.Id)).UploadAsync(BinaryData.FromString(writer.ToString()), overwrite: true, cancellationToken);
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, set.Id)
            {
                ["UploadedAt"] = set.UploadedAt,
                ["Json"] = JsonSerializer.Serialize(set, QuestionnaireSchema.JsonOptions),
            }, cancellationToken);
            return (set, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same file uploaded twice at once: the first one's set stands (its rows are the same bytes).
            return ((await GetAsync(set.Id, cancellationToken))!, false);
        }
    }

    public async Task<IReadOnlyList<OutcomeSet>> ListAsync(CancellationToken cancellationToken)
    {
        var sets = new List<OutcomeSet>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            sets.Add(FromEntity(row));
        return [.. sets.OrderByDescending(s => s.UploadedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<OutcomeSet?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(id)) return null;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, cancellationToken) is null) return false;
        await _table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        await _container.GetBlobClient(RowsBlob(id)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<LabelledAssessment>> RowsAsync(string id, CancellationToken cancellationToken)
    {
        var download = await _container.GetBlobClient(RowsBlob(id)).DownloadContentAsync(cancellationToken);
        using var reader = new StringReader(download.Value.Content.ToString());
        return [.. TrainingCsv.Read(reader, schema).Select((r, i) => r with { Key = $"{id}:{i + 1}" })];
    }

    private static string RowsBlob(string id) => $"{id}/rows.csv";

    private static OutcomeSet FromEntity(TableEntity e) =>
        JsonSerializer.Deserialize<OutcomeSet>(e.GetString("Json")!, QuestionnaireSchema.JsonOptions)!;
}
