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
        var rows = products.GroupBy(p => (p.Programme, p.Timeline.Cohort)).OrderBy(g => g.Key.Programme, StringComparer.Ordinal).ThenBy(g => g.Key.Cohort)
            .Select(g => Row(stages, g.Key.Programme, g.Key.Cohort, g.ToList()))
            .Concat(products.GroupBy(p => p.Timeline.Cohort).OrderBy(g => g.Key).Select(g => Row(stages, null, g.Key, g.ToList())))
            .ToList();
        return new FunnelReport(stages.Ids.ToList(), rows, Row(stages, null, null, products));
    }

    private static FunnelRow Row(FunnelStages stages, string? programme, int? cohort, IReadOnlyList<FunnelProduct> products)
    {
        var figures = new List<StageFigures>(stages.All.Count);
        for (var i = 0; i < stages.All.Count; i++)
        {
            var id = stages.All[i].Id;
            var reached = products.Count(p => p.Timeline.Reached(i));
            var before = i == 0 ? 0 : figures[i - 1].Reached;
            double? conversion = i == 0 || before == 0 ? null : Math.Round(reached / (double)before, 2);
            var days = products.Select(p => p.Timeline.CompletedDaysIn(id)).OfType<int>().Order().ToList();
            figures.Add(new StageFigures(id, reached, conversion, Median(days), days.Count == 0 ? null : Math.Round(days.Average(), 1)));
        }
        return new FunnelRow(programme, cohort, products.Count, figures);
    }

    private static double? Median(IReadOnlyList<int> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
}
