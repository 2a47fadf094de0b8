using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// One programme's destination report as of any earlier day, kept as differences by day: each product (counted where its
/// first assessment is, as the kept tallies count it) adds its latest scored assessment's figures on the day that
/// assessment was submitted and takes away those of the one it replaced. The sum of the days up to a date is then each
/// product's latest scored assessment submitted by the end of it, the scan's answer, in reads that grow with the days a
/// programme had submissions, not with its products. <see cref="Through"/> is the first day they do not cover.
/// </summary>
/// <remarks><see cref="ScannedFrom"/>: when the scan they were built from began; an erasure after it leaves them unread.</remarks>
public sealed record DatedDestinations(string Programme, IReadOnlyList<(DateOnly Day, TallyCells Cells)> Days, DateOnly Through, DateTimeOffset ScannedFrom);

/// <summary>
/// Builds <see cref="DatedDestinations"/> from the rows as a scan passes them (the nightly reconcile's). A programme's days
/// are covered up to the scan's day, or up to the earliest day one of its products still has a Pending assessment from:
/// scored later, that assessment would change the days from its own on.
/// </summary>
public sealed class DatedDestinationBuilder(QuestionnaireSchema schema)
{
    private sealed class Product
    {
        public (string Programme, string Sector, string Region)? Cell;
        public DateOnly? EarliestPending;
        public List<(DateTimeOffset At, string Id, DestinationFigures Figures)> Scored { get; } = [];
    }

    private readonly Dictionary<string, Product> _products = new(StringComparer.Ordinal);

    public void Add(Assessment a)
    {
        var product = _products.TryGetValue(a.ProductId, out var seen) ? seen : _products[a.ProductId] = new Product();
        if (a.ProductId == a.Id) product.Cell = (a.Programme, a.Company.Sector, a.Company.Region);
        if (a.Status == AssessmentStatus.Pending && (product.EarliestPending is not { } p || DayOf(a) < p)) product.EarliestPending = DayOf(a);
        if (a.Status == AssessmentStatus.Scored && a.Result is not null) product.Scored.Add((a.SubmittedAt, a.Id, DestinationFigures.Of(a, schema)));
    }

    /// <summary>
    /// Every programme with a product whose first assessment was seen, its days covered up to <paramref name="today"/> at
    /// most, from a scan that began at <paramref name="scannedFrom"/>.
    /// </summary>
    public IReadOnlyList<DatedDestinations> Build(DateOnly today, DateTimeOffset scannedFrom)
    {
        var programmes = new Dictionary<string, (SortedDictionary<DateOnly, TallyCells> Days, DateOnly Through)>(StringComparer.Ordinal);
        foreach (var product in _products.Values)
        {
            if (product.Cell is not { } cell) continue; // its first assessment was not seen
            var (programme, sector, region) = cell;
            if (!programmes.TryGetValue(programme, out var dated)) dated = (new SortedDictionary<DateOnly, TallyCells>(), today);
            if (product.EarliestPending is { } pending && pending < dated.Through) dated.Through = pending;
            DestinationFigures? before = null;
            // In the order the scan's report takes a product's latest: by submission time, then id.
            foreach (var (at, _, figures) in product.Scored.OrderBy(s => s.At).ThenBy(s => s.Id, StringComparer.Ordinal))
            {
                var day = DateOnly.FromDateTime(at.UtcDateTime);
                var cells = dated.Days.TryGetValue(day, out var c) ? c : dated.Days[day] = new TallyCells();
                if (before is not null) cells[sector, region].Destination.Add(before, -1);
                cells[sector, region].Destination.Add(figures);
                before = figures;
            }
            programmes[programme] = dated;
        }
        return programmes.Select(p => new DatedDestinations(p.Key,
            p.Value.Days.Where(d => d.Key < p.Value.Through).Select(d => (d.Key, Pruned(d.Value))).Where(d => !d.Item2.IsZero).ToList(), p.Value.Through, scannedFrom)).ToList();
    }

    private static TallyCells Pruned(TallyCells cells)
    {
        cells.Prune();
        return cells;
    }

    private static DateOnly DayOf(Assessment a) => DateOnly.FromDateTime(a.SubmittedAt.UtcDateTime);
}
