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
        var criteria = VisitSwedenCriteria.All.Select(c => (Criterion: c, Question: schema.QuestionsById[c.QuestionId])).ToList();
        var met = new int[criteria.Count];
        var answered = new int[criteria.Count];
        var notApplicable = new int[criteria.Count];
        int allMet = 0, allAnswered = 0, allNotApplicable = 0;
        var gaps = new Dictionary<string, int>(StringComparer.Ordinal);
        var dimensionTotals = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);

        foreach (var a in products)
        {
            bool every = true, answeredEvery = true, appliesToAny = false;
            for (var i = 0; i < criteria.Count; i++)
            {
                var q = criteria[i].Question;
                if (!q.AppliesToSector(a.Company.Sector)) { notApplicable[i]++; answeredEvery = false; continue; }
                appliesToAny = true;
                if (!a.Answers.TryGetValue(q.Id, out var answer)) { answeredEvery = false; continue; }
                answered[i]++;
                if (IsTop(q, answer)) met[i]++;
                else every = false;
            }
            if (!appliesToAny) allNotApplicable++;
            else if (answeredEvery)
            {
                allAnswered++;
                if (every) allMet++;
            }

            foreach (var q in schema.Questions)
                if (q.AppliesToSector(a.Company.Sector) && a.Answers.TryGetValue(q.Id, out var answer) && !IsTop(q, answer))
                    gaps[q.Id] = gaps.GetValueOrDefault(q.Id) + 1;
            foreach (var d in a.Result!.Dimensions)
            {
                var (sum, count) = dimensionTotals.GetValueOrDefault(d.Id);
                dimensionTotals[d.Id] = (sum + d.Score, count + 1);
            }
        }

        var total = products.Count;
        return new DestinationReport(
            group,
            total,
            criteria.Select((c, i) => new CriterionShare(c.Criterion.QuestionId, c.Criterion.Name, met[i], answered[i], notApplicable[i])).ToList(),
            new CriterionShare("all", VisitSwedenCriteria.AllCriteria, allMet, allAnswered, allNotApplicable),
            gaps.Select(g => (Question: schema.QuestionsById[g.Key], Count: g.Value))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Question.Id, StringComparer.Ordinal)
                .Select(g => new SharedGap(g.Question.Id, g.Question.Dimension, g.Question.Text, g.Count, Math.Round(g.Count / (double)total, 3),
                    JointAction.For(g.Question.Id, g.Question.Dimension)))
                .ToList(),
            // In the questionnaire's order, so two groups' averages line up row by row.
            schema.Dimensions.Where(d => dimensionTotals.ContainsKey(d.Id))
                .Select(d => new DimensionAverage(d.Id, Math.Round(dimensionTotals[d.Id].Sum / dimensionTotals[d.Id].Count, 1))).ToList());
    }

    /// <summary>The question's best answer: <c>yes</c>, the top option, the top band.</summary>
    private static bool IsTop(Question question, Answer answer) => question.Evaluate(answer).Points >= question.MaxPoints;
}
