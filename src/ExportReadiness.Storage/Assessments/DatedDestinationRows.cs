using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

/// <summary>
/// A programme's destination figures by day (<see cref="DatedDestinations"/>), hidden rows of its partition of the
/// Assessments table: <c>~dated|{yyyyMMdd}</c> each day's differences (cells as the tally shards hold them), and
/// <c>~dated|through</c> the first day they do not cover. Replacing them removes that row first and writes it last, so a
/// reader never sums a half-written set; an erasure removes it too (and notes its time in <c>~dated|erased</c>), and
/// reports of earlier days scan the rows until a reconcile whose scan began after the erasure writes the days again.
/// </summary>
internal sealed class DatedDestinationRows(TableClient assessments)
{
    private const string Prefix = "~dated|";
    private const string ThroughKey = Prefix + "through";
    private const string ThroughProperty = "Through";
    private const string ErasedKey = Prefix + "erased";
    private const string ErasedAtProperty = "At";

    private static string DayKey(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The days up to <paramref name="asOf"/> summed, or null when they do not cover it: a point read and one query.</summary>
    public async Task<IReadOnlyList<TallyCell>?> AsOfAsync(string programme, DateOnly asOf, CancellationToken cancellationToken)
    {
        var through = await assessments.GetEntityIfExistsAsync<TableEntity>(programme, ThroughKey, [ThroughProperty], cancellationToken);
        if (!through.HasValue || !DateOnly.TryParseExact(through.Value!.GetString(ThroughProperty), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
            || asOf >= until)
            return null;
        var sum = new TallyCells();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {programme} and RowKey ge {Prefix + "0"} and RowKey le {DayKey(asOf)}");
        await foreach (var row in assessments.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            sum.Add(TallyShards.FromEntity(row).Cells);
        return sum.All.Select(c => new TallyCell(programme, c.Sector, c.Region, c.Tally)).ToList();
    }

    public async Task ReplaceAsync(DatedDestinations dated, CancellationToken cancellationToken)
    {
        await DeleteThroughAsync(dated.Programme, cancellationToken);
        var stale = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {dated.Programme} and RowKey ge {Prefix + "0"} and RowKey lt {Prefix + ":"}");
        await foreach (var row in assessments.QueryAsync<TableEntity>(filter, 1000, ["RowKey"], cancellationToken)) stale.Add(row.RowKey);
        var steps = new List<TableTransactionAction>();
        foreach (var (day, cells) in dated.Days)
        {
            stale.Remove(DayKey(day));
            steps.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, TallyShards.ToEntity(dated.Programme, DayKey(day), cells)));
        }
        steps.AddRange(stale.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(dated.Programme, key), ETag.All)));
        // A transaction's body is at most 4 MiB: ten days' cells at a time, each a few kilobytes.
        foreach (var chunk in steps.Chunk(10)) await assessments.SubmitTransactionAsync(chunk, cancellationToken);
        // An erasure since the scan began: the days may still count the erased product, so they stay unread until next time.
        var erased = await assessments.GetEntityIfExistsAsync<TableEntity>(dated.Programme, ErasedKey, [ErasedAtProperty], cancellationToken);
        if (erased.HasValue && erased.Value!.GetDateTimeOffset(ErasedAtProperty) >= dated.ScannedFrom) return;
        await assessments.UpsertEntityAsync(new TableEntity(dated.Programme, ThroughKey)
        {
            [ThroughProperty] = dated.Through.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Reports of earlier days scan the rows again until the days are written anew by a reconcile whose scan began after
    /// <paramref name="erasedAt"/> (kept for it to compare).
    /// </summary>
    public async Task ForgetAsync(string programme, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        await assessments.UpsertEntityAsync(new TableEntity(programme, ErasedKey) { [ErasedAtProperty] = erasedAt }, TableUpdateMode.Replace, cancellationToken);
        await DeleteThroughAsync(programme, cancellationToken);
    }

    private Task DeleteThroughAsync(string programme, CancellationToken cancellationToken) =>
        Privacy.TablePartitions.DeleteRowAsync(assessments, programme, ThroughKey, cancellationToken);
}
