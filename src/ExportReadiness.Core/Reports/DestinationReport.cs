using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// How many of a group's products meet one criterion. <see cref="NotApplicable"/> counts products of sectors the
/// criterion is not asked of (they are not failing it); <see cref="Share"/> is of those that answered it.
/// </summary>
public sealed record CriterionShare(string Id, LocalizedText Name, int Met, int Answered, int NotApplicable)
{
    public double? Share => Answered == 0 ? null : Math.Round(Met / (double)Answered, 3);
}

/// <summary>
/// A question where <see cref="Products"/> of the group's products answered below the top (<see cref="Share"/> of all
/// its products), with the joint action it calls for, if any.
/// </summary>
public sealed record SharedGap(string QuestionId, string Dimension, LocalizedText Question, int Products, double Share, JointAction? Action);

/// <summary>
/// A destination's or programme's products measured against VisitSweden's export-ready criteria, the gaps many of
/// them share, and their dimension averages. Each product counts once, with its latest scored assessment in the
/// group submitted on or before the group's date, so a re-assessment moves a product rather than adding one.
/// </summary>
public sealed record DestinationReport(
    DestinationGroup Group,
    int Products,
    IReadOnlyList<CriterionShare> Criteria,
    CriterionShare AllCriteria,
    IReadOnlyList<SharedGap> SharedGaps,
    IReadOnlyList<DimensionAverage> Dimensions)
{
    /// <summary>
    /// Builds the report in one pass over the group's scored assessments, keeping only the latest of each product.
    /// A gap is an answer below its question's top (one that carries a recommendation), read from the answers
    /// rather than the model's explanation: it is the same for every model version and for results scored before
    /// explanations existed, and an unmet criterion is then also a gap. An unanswered optional question is none.
    /// </summary>
    public static async Task<DestinationReport> BuildAsync(
        DestinationGroup group, IAsyncEnumerable<Assessment> assessments, QuestionnaireSchema schema, CancellationToken cancellationToken)
    {
        var collector = new Collector(group);
        await foreach (var a in assessments.WithCancellation(cancellationToken)) collector.Add(a);
        return collector.Build(schema);
    }

    /// <summary>
    /// The group's products as a scan passes, each its latest scored assessment: a second group over the same
    /// assessments (the same destination at another date) is built from the first group's scan, not a second one.
    /// </summary>
    public sealed class Collector(DestinationGroup group)
    {
        private readonly Dictionary<string, Assessment> _latest = new(StringComparer.Ordinal);

        public void Add(Assessment a)
        {
            if (a.Status != AssessmentStatus.Scored || a.Result is null || !group.Includes(a)) return;
            if (!_latest.TryGetValue(a.ProductId, out var seen) || IsLater(a, seen)) _latest[a.ProductId] = a;
        }

        public DestinationReport Build(QuestionnaireSchema schema) => Summarise(group, _latest.Values, schema);
    }

    private static bool IsLater(Assessment a, Assessment than) =>
        a.SubmittedAt > than.SubmittedAt || (a.SubmittedAt == than.SubmittedAt && string.CompareOrdinal(a.Id, than.Id) > 0);

    private static DestinationReport Summarise(DestinationGroup group, ICollection<Assessment> products, QuestionnaireSchema schema)
    {
        var tally = new DestinationTally();
        foreach (var a in products) tally.Add(DestinationFigures.Of(a, schema));
        return FromTally(group, tally, schema);
    }

    /// <summary>
    /// The report of a group as of today from kept tallies (<see cref="TallyCell"/>s of its programme, sector and region):
    /// each product's latest scored assessment, in time that does not grow with the products.
    /// </summary>
    public static DestinationReport FromTallies(DestinationGroup group, IEnumerable<TallyCell> cells, QuestionnaireSchema schema)
    {
        var tally = new DestinationTally();
        foreach (var cell in cells) tally.Add(cell.Tally.Destination);
        return FromTally(group, tally, schema);
    }

    private static DestinationReport FromTally(DestinationGroup group, DestinationTally tally, QuestionnaireSchema schema)
    {
        var criteria = VisitSwedenCriteria.All;
        var total = tally.Products;
        return new DestinationReport(
            group,
            total,
            criteria.Select((c, i) => new CriterionShare(c.QuestionId, c.Name, tally.Met[i], tally.Answered[i], tally.NotApplicable[i])).ToList(),
            new CriterionShare("all", VisitSwedenCriteria.AllCriteria, tally.AllMet, tally.AllAnswered, tally.AllNotApplicable),
            tally.Gaps.Where(g => g.Value > 0 && schema.QuestionsById.ContainsKey(g.Key)).Select(g => (Question: schema.QuestionsById[g.Key], Count: g.Value))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Question.Id, StringComparer.Ordinal)
                .Select(g => new SharedGap(g.Question.Id, g.Question.Dimension, g.Question.Text, g.Count, Math.Round(g.Count / (double)total, 3),
                    JointAction.For(g.Question.Id, g.Question.Dimension)))
                .ToList(),
            // In the questionnaire's order, so two groups' averages line up row by row.
            schema.Dimensions.Where(d => tally.Dimensions.TryGetValue(d.Id, out var sums) && sums[1] > 0)
                .Select(d => new DimensionAverage(d.Id, Math.Round(tally.Dimensions[d.Id][0] / (double)tally.Dimensions[d.Id][1], 1))).ToList());
    }
}
