namespace ExportReadiness.Core.Funnel;

/// <summary>
/// One stay of a product in a stage: entered on <see cref="Date"/>, <see cref="Days"/> until the next entry (or until
/// today for the <see cref="Current"/> one). <see cref="Move"/> is null for the screening every product starts with.
/// </summary>
public sealed record StageEntry(string Stage, DateOnly Date, int Days, bool Current, StageMove? Move);

/// <summary>
/// A product's way through the funnel. It starts in the first stage on its first assessment's date (every assessed
/// product has been screened), unless its earliest move is to the first stage or comes earlier; each move then starts
/// a stay that lasts until the next. A stage visited twice (a product sent back) counts the days of both stays.
/// </summary>
public sealed class ProductTimeline
{
    private ProductTimeline(IReadOnlyList<StageEntry> entries, int furthest)
    {
        Entries = entries;
        FurthestIndex = furthest;
    }

    public IReadOnlyList<StageEntry> Entries { get; }

    /// <summary>The furthest configured stage the product has been in; a product is in the first at least.</summary>
    public int FurthestIndex { get; }

    public StageEntry Current => Entries[^1];

    /// <summary>The day the product entered the first stage: its intake.</summary>
    public DateOnly Intake => Entries[0].Date;

    /// <summary>The intake year, so "the 2026 intake".</summary>
    public int Cohort => Intake.Year;

    public bool Reached(int stageIndex) => FurthestIndex >= stageIndex;

    /// <summary>The first day the product entered the stage, if it ever did.</summary>
    public DateOnly? EnteredAt(string stage) => Entries.FirstOrDefault(e => e.Stage == stage)?.Date;

    /// <summary>Every day spent in the stage so far, the current stay included; null when never in it.</summary>
    public int? DaysIn(string stage) => Entries.Any(e => e.Stage == stage) ? Entries.Where(e => e.Stage == stage).Sum(e => e.Days) : null;

    /// <summary>The days of the stays in the stage that have ended; null when none has. The report's averages use these, since a stay still running says only "at least".</summary>
    public int? CompletedDaysIn(string stage) =>
        Entries.Any(e => e.Stage == stage && !e.Current) ? Entries.Where(e => e.Stage == stage && !e.Current).Sum(e => e.Days) : null;

    public static ProductTimeline Build(FunnelStages stages, DateOnly firstAssessed, IEnumerable<StageMove> moves, DateOnly today)
    {
        var ordered = moves.OrderBy(m => m.Date).ThenBy(m => m.RecordedAt).ToList();
        var starts = new List<(string Stage, DateOnly Date, StageMove? Move)>();
        if (ordered.Count == 0 || ordered[0].Stage != stages.First.Id)
        {
            // Screened at the latest when anything else happened to it.
            var screened = ordered.Count > 0 && ordered[0].Date < firstAssessed ? ordered[0].Date : firstAssessed;
            starts.Add((stages.First.Id, screened, null));
        }
        starts.AddRange(ordered.Select(m => (m.Stage, m.Date, (StageMove?)m)));

        var entries = new List<StageEntry>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var last = i == starts.Count - 1;
            var end = last ? today : starts[i + 1].Date;
            entries.Add(new StageEntry(starts[i].Stage, starts[i].Date, Math.Max(0, end.DayNumber - starts[i].Date.DayNumber), last, starts[i].Move));
        }
        return new ProductTimeline(entries, Math.Max(0, entries.Max(e => stages.IndexOf(e.Stage))));
    }
}
