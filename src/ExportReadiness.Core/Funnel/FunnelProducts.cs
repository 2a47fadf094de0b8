using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Funnel;

/// <summary>A product in the funnel: its intake programme, its latest names, and its way through the stages.</summary>
public sealed record FunnelProduct(string ProductId, string Programme, string CompanyName, string ProductName, ProductTimeline Timeline);

/// <summary>
/// Gathers the products of a stream of assessments as it passes (the portfolio report reads the same stream), keeping
/// per product only its first assessment's programme and date and its latest names: never the answers.
/// </summary>
public sealed class FunnelCollector
{
    private readonly Dictionary<string, (Assessment First, Assessment Latest)> _products = new(StringComparer.Ordinal);

    public void Add(Assessment a)
    {
        var slim = a with { Answers = new Dictionary<string, Answer>(), Result = null, Review = null };
        if (!_products.TryGetValue(a.ProductId, out var seen)) _products[a.ProductId] = (slim, slim);
        else _products[a.ProductId] = (a.SubmittedAt < seen.First.SubmittedAt ? slim : seen.First, a.SubmittedAt >= seen.Latest.SubmittedAt ? slim : seen.Latest);
    }

    /// <summary>The products with their timelines, only those of the intake year <paramref name="cohort"/> when given.</summary>
    public IReadOnlyList<FunnelProduct> Products(FunnelStages stages, IReadOnlyDictionary<string, IReadOnlyList<StageMove>> moves, DateOnly today, int? cohort = null) =>
        _products.Select(p => new FunnelProduct(p.Key, p.Value.First.Programme, p.Value.Latest.Company.Name, p.Value.Latest.Product.Name,
                ProductTimeline.Build(stages, DateOnly.FromDateTime(p.Value.First.SubmittedAt.UtcDateTime), moves.GetValueOrDefault(p.Key) ?? [], today)))
            .Where(p => cohort is null || p.Timeline.Cohort == cohort)
            .OrderBy(p => p.Programme, StringComparer.Ordinal).ThenBy(p => p.Timeline.Intake).ThenBy(p => p.ProductId, StringComparer.Ordinal)
            .ToList();
}
