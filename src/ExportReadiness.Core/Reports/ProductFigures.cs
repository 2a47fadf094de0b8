using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// What a product adds to the reports beyond its assessments: how many of them are scored, its first and latest scored
/// assessment's score (its progress), and its way through the funnel (intake year, furthest stage, days in ended stays).
/// Kept on the product's first assessment once the product has more than that one assessment or a stage move; until
/// then it follows from that assessment alone (<see cref="Of"/>).
/// </summary>
public sealed record ProductFigures
{
    public int ScoredCount { get; init; }
    public string? FirstScoredId { get; init; }
    public DateTimeOffset? FirstScoredAt { get; init; }
    public int? FirstScore { get; init; }
    public string? LatestScoredId { get; init; }
    public DateTimeOffset? LatestScoredAt { get; init; }
    public int? LatestScore { get; init; }

    /// <summary>Its latest scored assessment's part in a destination or programme report; null while none is scored.</summary>
    public DestinationFigures? Destination { get; init; }

    /// <summary>The intake year: the first stage's date, the first assessment's unless a move came earlier.</summary>
    public int Cohort { get; init; }
    /// <summary>The furthest configured stage reached, by its place in the order (0: screened only).</summary>
    public int Furthest { get; init; }
    /// <summary>Per stage id, the days of its ended stays (stages never left are absent).</summary>
    public IReadOnlyDictionary<string, int> CompletedDays { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>A product of one assessment and no moves: what its first assessment says alone.</summary>
    /// <remarks><paramref name="destination"/>: the first assessment's destination figures when it is at hand without its answers.</remarks>
    public static ProductFigures Of(Assessment first, DestinationFigures? destination = null) =>
        new ProductFigures { Cohort = first.SubmittedAt.UtcDateTime.Year }.Observing(first, wasScored: false, destination);

    /// <summary>
    /// After one of the product's assessments was written: counted once when it becomes scored, and its score kept as the
    /// first or latest where its date puts it (or where it already is, when it was scored again).
    /// </summary>
    public ProductFigures Observing(Assessment a, bool wasScored, DestinationFigures? destination = null)
    {
        if (a.Status != AssessmentStatus.Scored || a.Result is not { } result) return this;
        var figures = wasScored ? this : this with { ScoredCount = ScoredCount + 1 };
        var score = result.ReadinessScore;
        if (figures.FirstScoredId == a.Id || figures.FirstScoredAt is null || a.SubmittedAt < figures.FirstScoredAt)
            figures = figures with { FirstScoredId = a.Id, FirstScoredAt = a.SubmittedAt, FirstScore = score };
        if (figures.LatestScoredId == a.Id || figures.LatestScoredAt is null || a.SubmittedAt >= figures.LatestScoredAt)
            figures = figures with
            {
                LatestScoredId = a.Id, LatestScoredAt = a.SubmittedAt, LatestScore = score,
                Destination = destination ?? DestinationFigures.Of(a, Questionnaire.QuestionnaireSchema.V1),
            };
        return figures;
    }

    /// <summary>The funnel part from the product's timeline (its first assessment's date and its moves).</summary>
    public ProductFigures WithTimeline(ProductTimeline timeline, FunnelStages stages) => this with
    {
        Cohort = timeline.Cohort,
        Furthest = timeline.FurthestIndex,
        CompletedDays = stages.Ids.Select(id => (id, days: timeline.CompletedDaysIn(id))).Where(x => x.days is not null)
            .ToDictionary(x => x.id, x => x.days!.Value, StringComparer.Ordinal),
    };

    /// <summary>The same figures, the ids and dates that decide later changes included.</summary>
    public bool SameAs(ProductFigures other) =>
        CountsAs(other) && SameDestination(Destination, other.Destination) && FirstScoredId == other.FirstScoredId && LatestScoredId == other.LatestScoredId
        && FirstScoredAt == other.FirstScoredAt && LatestScoredAt == other.LatestScoredAt;

    private static bool SameDestination(DestinationFigures? a, DestinationFigures? b) =>
        a is null ? b is null : b is not null && a.Criteria == b.Criteria && a.Gaps.SequenceEqual(b.Gaps)
            && a.Dimensions.Count == b.Dimensions.Count && a.Dimensions.All(d => b.Dimensions.TryGetValue(d.Key, out var v) && v == d.Value);

    /// <summary>Whether two figures count the same in every report.</summary>
    public bool CountsAs(ProductFigures other) =>
        ScoredCount == other.ScoredCount && FirstScore == other.FirstScore && LatestScore == other.LatestScore && Cohort == other.Cohort
        && SameDestination(Destination, other.Destination) && Furthest == other.Furthest && CompletedDays.Count == other.CompletedDays.Count
        && CompletedDays.All(d => other.CompletedDays.TryGetValue(d.Key, out var days) && days == d.Value);
}
