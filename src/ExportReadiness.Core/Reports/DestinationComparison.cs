namespace ExportReadiness.Core.Reports;

/// <summary>One row's difference between two groups: the comparison's value minus the group's (null if either is missing).</summary>
public sealed record Difference(string Id, double? Value);

/// <summary>
/// What changes from the first group to the second: per criterion (and all six) in share (0–1), per dimension in
/// points, per shared gap of either group in share (a gap a group does not have is a share of 0 there). With the same
/// destination at two dates, the later as the comparison, it is the progress made.
/// </summary>
public sealed record ReportDifferences(
    int Products, IReadOnlyList<Difference> Criteria, Difference AllCriteria, IReadOnlyList<Difference> SharedGaps, IReadOnlyList<Difference> Dimensions)
{
    public static ReportDifferences Between(DestinationReport group, DestinationReport comparison) => new(
        comparison.Products - group.Products,
        group.Criteria.Select(c => Share(c, comparison.Criteria.First(x => x.Id == c.Id))).ToList(),
        Share(group.AllCriteria, comparison.AllCriteria),
        GapsOfEither(group, comparison).Select(id => new Difference(id, Minus(GapShare(comparison, id), GapShare(group, id)))).ToList(),
        group.Dimensions.Select(d => d.Id).Union(comparison.Dimensions.Select(d => d.Id))
            .Select(id => new Difference(id, Minus(comparison.Dimensions.FirstOrDefault(d => d.Id == id)?.Average, group.Dimensions.FirstOrDefault(d => d.Id == id)?.Average)))
            .ToList());

    /// <summary>Every gap of either group: the first group's order, then gaps only the second has.</summary>
    public static IEnumerable<string> GapsOfEither(DestinationReport group, DestinationReport? comparison) =>
        group.SharedGaps.Select(g => g.QuestionId).Union(comparison?.SharedGaps.Select(g => g.QuestionId) ?? []);

    /// <summary>The share of a group's products with this gap: 0 when none has it, null for a group without products.</summary>
    public static double? GapShare(DestinationReport report, string questionId) =>
        report.Products == 0 ? null : report.SharedGaps.FirstOrDefault(g => g.QuestionId == questionId)?.Share ?? 0;

    private static Difference Share(CriterionShare first, CriterionShare second) => new(first.Id, Minus(second.Share, first.Share));

    private static double? Minus(double? a, double? b) => a is { } x && b is { } y ? Math.Round(x - y, 3) : null;
}

/// <summary>A group's report and, when asked for, a second group's beside it with the differences.</summary>
public sealed record DestinationComparison(DestinationReport Group, DestinationReport? Comparison, ReportDifferences? Differences);
