using ExportReadiness.Core.Assessments;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// Builds the report tallies from the rows themselves, as a scan passes them (holding per product only its first
/// assessment and its figures): what the store's kept tallies must equal. The nightly reconcile compares the two, and a
/// store without kept tallies (the in-memory one) answers with these.
/// </summary>
public sealed class TallyBuilder
{
    private static readonly IReadOnlyDictionary<string, Questionnaire.Answer> Empty = new Dictionary<string, Questionnaire.Answer>();
    private readonly Dictionary<string, TallyCells> _programmes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Assessment? First, ProductFigures? Alone, ProductFigures Scores)> _products = new(StringComparer.Ordinal);

    public void Add(Assessment a)
    {
        CellsOf(a.Programme)[a.Company.Sector, a.Company.Region].AddAssessment(a);
        var (first, alone, scores) = _products.TryGetValue(a.ProductId, out var seen) ? seen : (null, null, new ProductFigures());
        if (a.ProductId == a.Id)
        {
            // Kept without its answers; what it says alone (its figures while nothing was kept) is worked out now.
            first = a with { Answers = Empty, Result = a.Result is { } r ? r with { TopGaps = [], Explanation = null } : null };
            alone = ProductFigures.Of(a);
        }
        _products[a.ProductId] = (first, alone, scores.Observing(a, wasScored: false));
    }

    /// <summary>
    /// Every product whose first assessment was seen, with its figures as the rows say them (no funnel yet) and as they
    /// are kept now (on the first assessment, or what it says alone).
    /// </summary>
    public IEnumerable<(Assessment First, ProductFigures Figures, ProductFigures Kept)> Products =>
        _products.Values.Where(p => p.First is not null).Select(p => (p.First!, Figures(p.First!, p.Scores), p.First!.ProductFigures ?? p.Alone!));

    /// <summary>
    /// The tallies of every programme seen, each product counted in its first assessment's programme, sector and region
    /// (products whose first assessment was not seen are left out), with its funnel part from <paramref name="funnelOf"/>
    /// (its first assessment and its figures so far; return them as they are for a product with no moves).
    /// </summary>
    public IReadOnlyList<TallyCell> Build(Func<Assessment, ProductFigures, ProductFigures>? funnelOf = null)
    {
        foreach (var (first, figures, _) in Products)
            CellsOf(first.Programme)[first.Company.Sector, first.Company.Region].AddProduct(funnelOf is null ? figures : funnelOf(first, figures));
        _products.Clear();
        return _programmes.SelectMany(p => p.Value.All.Select(c => new TallyCell(p.Key, c.Sector, c.Region, c.Tally))).ToList();
    }

    /// <summary>The product's figures as the rows say them: its scores, and the funnel defaults of its first assessment.</summary>
    public static ProductFigures Figures(Assessment first, ProductFigures scores) => scores with { Cohort = first.SubmittedAt.UtcDateTime.Year };

    private TallyCells CellsOf(string programme) =>
        _programmes.TryGetValue(programme, out var cells) ? cells : _programmes[programme] = new TallyCells();
}
