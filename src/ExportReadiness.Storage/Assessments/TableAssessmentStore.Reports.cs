using ExportReadiness.Core.Reports;

namespace ExportReadiness.Storage.Assessments;

/// <summary>What the reports read instead of the rows: the programmes' tally shards and their kept destination days.</summary>
public sealed partial class TableAssessmentStore
{
    public async Task<IReadOnlyList<TallyCell>> TalliesAsync(string? programme, CancellationToken cancellationToken)
    {
        var programmes = programme is null ? await _tallies.ProgrammesAsync(cancellationToken) : TableKeys.IsValid(programme) ? [programme] : [];
        var shards = await Task.WhenAll(programmes.Select(p => _tallies.ReadAllAsync(p, cancellationToken)));
        return programmes.Zip(shards).SelectMany(p => Summed(p.First, p.Second)).ToList();
    }

    public Task<IReadOnlyList<string>> TalliedProgrammesAsync(CancellationToken cancellationToken) => _tallies.ProgrammesAsync(cancellationToken);

    public async Task<TallySnapshot> TallySnapshotAsync(string programme, CancellationToken cancellationToken)
    {
        var shards = await _tallies.ReadAllAsync(programme, cancellationToken);
        return new TallySnapshot(programme, Summed(programme, shards), TallyShards.Version(shards));
    }

    /// <summary>A programme's cells: its shards added up.</summary>
    private static List<TallyCell> Summed(string programme, IReadOnlyList<TallyShards.Shard> shards)
    {
        var sum = new TallyCells();
        foreach (var shard in shards) sum.Add(shard.Cells);
        return sum.All.Select(c => new TallyCell(programme, c.Sector, c.Region, c.Tally)).ToList();
    }

    public Task<IReadOnlyList<TallyCell>?> DestinationAsOfAsync(string programme, DateOnly asOf, CancellationToken cancellationToken) =>
        TableKeys.IsValid(programme) ? _dated.AsOfAsync(programme, asOf, cancellationToken) : Task.FromResult<IReadOnlyList<TallyCell>?>(null);

    public Task ReplaceDatedDestinationsAsync(DatedDestinations dated, CancellationToken cancellationToken) =>
        TableKeys.IsValid(dated.Programme) ? _dated.ReplaceAsync(dated, cancellationToken) : Task.CompletedTask;

    public Task<bool> ReplaceTalliesAsync(TallySnapshot seen, IReadOnlyList<TallyCell> cells, CancellationToken cancellationToken) =>
        _tallies.ReplaceAsync(seen.Programme, seen.Version, cells, cancellationToken);
}
