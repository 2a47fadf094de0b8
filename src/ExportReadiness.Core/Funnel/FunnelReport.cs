using ExportReadiness.Core.Reports;

namespace ExportReadiness.Core.Funnel;

/// <summary>
/// One stage's figures in a slice of the funnel: how many products reached it, that as a share of those that reached
/// the stage before (PEGIN's 23 of 85 = 0.27; null for the first stage or when none reached the one before), and the
/// median and mean days spent in it by products that have left it (null when none has).
/// </summary>
public sealed record StageFigures(string Stage, int Reached, double? Conversion, double? MedianDays, double? MeanDays);

/// <summary>One programme's intake of one year; <see cref="Programme"/> null is every programme, <see cref="Cohort"/> null every year.</summary>
public sealed record FunnelRow(string? Programme, int? Cohort, int Products, IReadOnlyList<StageFigures> Stages)
{
    /// <summary>The counts PEGIN-style: "85 → 23 → 15".</summary>
    public string Chain => string.Join(" → ", Stages.Select(s => s.Reached));
}

/// <summary>
/// The funnel by programme and cohort (intake year): one row per programme and cohort, then one per cohort over every
/// programme, then <see cref="Total"/>. <see cref="Stages"/> are the configured stage ids, in order.
/// </summary>
public sealed record FunnelReport(IReadOnlyList<string> Stages, IReadOnlyList<FunnelRow> Rows, FunnelRow Total)
{
    public static FunnelReport Build(FunnelStages stages, IReadOnlyList<FunnelProduct> products)
    {
        var tallies = new Dictionary<(string Programme, int Cohort), FunnelTally>();
        foreach (var p in products)
        {
            var key = (p.Programme, p.Timeline.Cohort);
            var tally = tallies.TryGetValue(key, out var t) ? t : tallies[key] = new FunnelTally();
            tally.Add(new ProductFigures().WithTimeline(p.Timeline, stages), 1);
        }
        return FromTallies(stages, tallies.Select(t => (t.Key.Programme, t.Key.Cohort, t.Value)).ToList());
    }

    /// <summary>
    /// The report from each programme's and cohort's tally (kept by the store, or gathered from products by
    /// <see cref="Build"/>): one row per programme and cohort, then per cohort, then the total.
    /// </summary>
    public static FunnelReport FromTallies(FunnelStages stages, IReadOnlyList<(string Programme, int Cohort, FunnelTally Tally)> tallies)
    {
        var rows = tallies.GroupBy(t => (t.Programme, t.Cohort)).OrderBy(g => g.Key.Programme, StringComparer.Ordinal).ThenBy(g => g.Key.Cohort)
            .Select(g => Row(stages, g.Key.Programme, g.Key.Cohort, Sum(g.Select(t => t.Tally))))
            .Concat(tallies.GroupBy(t => t.Cohort).OrderBy(g => g.Key).Select(g => Row(stages, null, g.Key, Sum(g.Select(t => t.Tally)))))
            .Where(r => r.Products > 0)
            .ToList();
        return new FunnelReport(stages.Ids.ToList(), rows, Row(stages, null, null, Sum(tallies.Select(t => t.Tally))));
    }

    private static FunnelTally Sum(IEnumerable<FunnelTally> tallies)
    {
        var sum = new FunnelTally();
        foreach (var t in tallies) sum.Add(t, 1);
        return sum;
    }

    private static FunnelRow Row(FunnelStages stages, string? programme, int? cohort, FunnelTally tally)
    {
        var figures = new List<StageFigures>(stages.All.Count);
        for (var i = 0; i < stages.All.Count; i++)
        {
            var id = stages.All[i].Id;
            var reached = tally.Reached(i);
            var before = i == 0 ? 0 : figures[i - 1].Reached;
            double? conversion = i == 0 || before == 0 ? null : Math.Round(reached / (double)before, 2);
            var days = tally.CompletedDays.GetValueOrDefault(id) ?? [];
            var count = days.Values.Sum();
            figures.Add(new StageFigures(id, reached, conversion, Median(days, count),
                count == 0 ? null : Math.Round(days.Sum(d => (long)d.Key * d.Value) / (double)count, 1)));
        }
        return new FunnelRow(programme, cohort, tally.Products, figures);
    }

    /// <summary>The median of a count of days per number of days: the middle one, or the mean of the middle two.</summary>
    private static double? Median(IReadOnlyDictionary<int, int> days, int count)
    {
        if (count == 0) return null;
        int? At(int position)
        {
            var seen = 0;
            foreach (var (value, n) in days.OrderBy(d => d.Key))
                if ((seen += n) > position) return value;
            return null;
        }
        return count % 2 == 1 ? At(count / 2) : (At(count / 2 - 1)!.Value + At(count / 2)!.Value) / 2.0;
    }
}
