namespace ExportReadiness.Core.Reports;

/// <summary>
/// The tally of one programme's assessments of one sector and region (products counted where their first assessment
/// is): the finest grain the reports' programme, sector and region filters and breakdowns need.
/// </summary>
public sealed record TallyCell(string Programme, string Sector, string Region, ReportTally Tally);

/// <summary>Tallies by sector and region, built up by differences (the store's side of keeping them).</summary>
public sealed class TallyCells
{
    private readonly Dictionary<(string Sector, string Region), ReportTally> _cells = [];

    public ReportTally this[string sector, string region] =>
        _cells.TryGetValue((sector, region), out var tally) ? tally : _cells[(sector, region)] = new ReportTally();

    public IEnumerable<(string Sector, string Region, ReportTally Tally)> All => _cells.Select(c => (c.Key.Sector, c.Key.Region, c.Value));

    public bool IsZero => _cells.Values.All(t => t.IsZero);

    public void Add(TallyCells other, int sign = 1)
    {
        foreach (var (sector, region, tally) in other.All) this[sector, region].Add(tally, sign);
        Prune();
    }

    /// <summary>These cells and <paramref name="other"/>'s added, as new cells: both stay as they are.</summary>
    public TallyCells Plus(TallyCells other)
    {
        var sum = new TallyCells();
        sum.Add(this);
        sum.Add(other);
        return sum;
    }

    /// <summary>Drops cells that came to nothing, so a shard does not grow with sectors and regions no longer seen.</summary>
    public void Prune()
    {
        foreach (var key in _cells.Where(c => c.Value.IsZero).Select(c => c.Key).ToList()) _cells.Remove(key);
    }
}
