using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// A programme's report tallies, kept in its own partition of the Assessments table beside its rows (RowKey
/// <c>~tally|{shard}</c>, after every assessment id), so a write of rows and the change it makes to the tallies are one
/// transaction: a row written twice, or not at all, counts once or not at all. The tally is split in <see cref="Count"/>
/// shards that add up; each transaction moves one that no other writer of this process holds (picked from a random
/// start), so writers of one instance never meet on a shard and writers of several seldom do. A shard holds its cells as gzipped JSON over as many binary properties as it needs.
/// </summary>
internal sealed class TallyShards(TableClient assessments, TableClient programmes)
{
    public const int Count = 32;
    /// <summary>Every hidden row of a partition sorts at or after this; assessment ids never start with it.</summary>
    public const string HiddenPrefix = "~";
    private const string ShardPrefix = "~tally|";
    private const string CellsProperty = "Cells";
    private const int MaxPropertyBytes = 60 * 1024;
    private const string RegistryPartition = "programme";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ShardKey(int shard) => ShardPrefix + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public sealed record Shard(string Programme, string RowKey, TallyCells Cells, ETag? ETag);

    public async Task<Shard> ReadAsync(string programme, int shard, CancellationToken cancellationToken)
    {
        var row = await assessments.GetEntityIfExistsAsync<TableEntity>(programme, ShardKey(shard), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : new Shard(programme, ShardKey(shard), new TallyCells(), null);
    }

    /// <summary>Every shard of the programme, with one query.</summary>
    public async Task<IReadOnlyList<Shard>> ReadAllAsync(string programme, CancellationToken cancellationToken)
    {
        var shards = new List<Shard>(Count);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {ShardPrefix} and RowKey lt {ShardPrefix + "~"}");
        await foreach (var row in assessments.QueryAsync<TableEntity>(filter, Count, cancellationToken: cancellationToken)) shards.Add(FromEntity(row));
        return shards;
    }

    /// <summary>The shards' ETags, in shard order: what a conditional replacement of all of them needs.</summary>
    public static string Version(IReadOnlyList<Shard> shards) =>
        string.Join(";", shards.OrderBy(s => s.RowKey, StringComparer.Ordinal).Select(s => $"{s.RowKey}={s.ETag}"));

    /// <summary>
    /// Replaces every shard (the cells in the first, the others emptied) in one transaction, each conditional on the
    /// version read; a shard that did not exist then is added, so one created meanwhile fails it too.
    /// </summary>
    public async Task<bool> ReplaceAsync(string programme, string version, IReadOnlyList<TallyCell> cells, CancellationToken cancellationToken)
    {
        var seen = version.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => new ETag(p[1]), StringComparer.Ordinal);
        var all = new TallyCells();
        foreach (var cell in cells) all[cell.Sector, cell.Region].Add(cell.Tally);
        all.Prune();
        var steps = Enumerable.Range(0, Count).Select(i => Written(
            new Shard(programme, ShardKey(i), new TallyCells(), seen.TryGetValue(ShardKey(i), out var etag) ? etag : null),
            i == 0 ? all : new TallyCells())).ToList();
        await RegisterAsync(programme, cancellationToken);
        try
        {
            await assessments.SubmitTransactionAsync(steps, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException)
        {
            return false;
        }
    }

    private const string BatchPrefix = "~batch|";
    private const string ScoredProperty = "Scored";

    /// <summary>
    /// How many of a batch's rows in the programme are Scored, by the shard whose writer moved it: a row
    /// <c>~batch|{batch}|{shard}</c> beside the tally shard, written in the same transactions, so it is exact as the
    /// tallies are, and a status read is one query of at most <see cref="Count"/> rows however large the batch.
    /// </summary>
    public sealed record BatchCount(string Programme, string BatchId, int Shard, int Scored, ETag? ETag);

    private static string BatchCountKey(string batchId, int shard) =>
        $"{BatchPrefix}{batchId}|{shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task<BatchCount> ReadBatchCountAsync(string programme, string batchId, int shard, CancellationToken cancellationToken)
    {
        var row = await assessments.GetEntityIfExistsAsync<TableEntity>(programme, BatchCountKey(batchId, shard), [ScoredProperty], cancellationToken);
        return new BatchCount(programme, batchId, shard, row.HasValue ? row.Value!.GetInt32(ScoredProperty) ?? 0 : 0, row.HasValue ? row.Value!.ETag : null);
    }

    /// <summary>The batch's scored rows in the programme: its count rows, with one query.</summary>
    public async Task<int> ScoredInBatchAsync(string programme, string batchId, CancellationToken cancellationToken)
    {
        var from = $"{BatchPrefix}{batchId}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {from} and RowKey lt {from + "~"}");
        var scored = 0;
        await foreach (var row in assessments.QueryAsync<TableEntity>(filter, Count, [ScoredProperty], cancellationToken)) scored += row.GetInt32(ScoredProperty) ?? 0;
        return scored;
    }

    /// <summary>The transaction step that writes the count as it is now, if nobody wrote it since it was read (its ETag).</summary>
    public static TableTransactionAction Written(BatchCount count)
    {
        var entity = new TableEntity(count.Programme, BatchCountKey(count.BatchId, count.Shard)) { [ScoredProperty] = count.Scored };
        return Conditional(entity, count.ETag);
    }

    /// <summary>Programmes that have (or had) a tally: the registry a report over every programme reads.</summary>
    public async Task<IReadOnlyList<string>> ProgrammesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var row in programmes.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RegistryPartition}"), 1000,
                           select: ["RowKey"], cancellationToken: cancellationToken))
            names.Add(row.RowKey);
        return names;
    }

    /// <summary>Registers the programme before its first shard is written, so every tally is found from the registry.</summary>
    public Task RegisterAsync(string programme, CancellationToken cancellationToken) =>
        programmes.UpsertEntityAsync(new TableEntity(RegistryPartition, programme), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The transaction step that replaces the shard's cells, if nobody wrote it since it was read.</summary>
    public static TableTransactionAction Written(Shard shard, TallyCells cells)
    {
        return Conditional(ToEntity(shard.Programme, shard.RowKey, cells), shard.ETag);
    }

    /// <summary>Replaces the row as read (by its ETag), or adds it where none was read: one written meanwhile fails either.</summary>
    private static TableTransactionAction Conditional(TableEntity entity, ETag? read) =>
        read is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);

    internal static TableEntity ToEntity(string programme, string rowKey, TallyCells cells)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(cells.All.Select(c => new StoredCell(c.Sector, c.Region, c.Tally)).ToList(), Json);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(json);
        var bytes = buffer.ToArray();
        var entity = new TableEntity(programme, rowKey);
        for (int offset = 0, part = 0; offset < bytes.Length || part == 0; offset += MaxPropertyBytes, part++)
            entity[CellsProperty + part.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                bytes.AsSpan(offset, Math.Min(MaxPropertyBytes, bytes.Length - offset)).ToArray();
        return entity;
    }

    internal static Shard FromEntity(TableEntity entity)
    {
        using var bytes = new MemoryStream();
        for (var part = 0; entity.GetBinary(CellsProperty + part.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chunk; part++) bytes.Write(chunk);
        bytes.Position = 0;
        var cells = new TallyCells();
        if (bytes.Length > 0)
        {
            using var gzip = new GZipStream(bytes, CompressionMode.Decompress);
            foreach (var cell in JsonSerializer.Deserialize<List<StoredCell>>(gzip, Json) ?? []) cells[cell.Sector, cell.Region].Add(cell.Tally);
        }
        return new Shard(entity.PartitionKey, entity.RowKey, cells, entity.ETag);
    }

    private sealed record StoredCell(string Sector, string Region, ReportTally Tally);
}
