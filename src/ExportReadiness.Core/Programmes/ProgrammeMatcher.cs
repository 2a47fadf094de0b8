using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// Matches scored products to the catalogue by rule, not by model, so an advisor can retrace every offer: a programme
/// is offered only where it serves the product's sector and region, and only for the gaps it addresses. Its relevance
/// is the score points those gaps hold down (the explanation's headroom): a gap the programme names counts in full,
/// another gap in a dimension it works on counts half. Ties go to the regional, then the sector-specific programme
/// (closer to the company), then to the id, so the same input always gives the same list.
/// </summary>
public sealed class ProgrammeMatcher(ProgrammeCatalogue catalogue)
{
    /// <summary>The explanation is in tenths of a point; less headroom than that is rounding, not a gap.</summary>
    public const double MinimumHeadroom = ExplainedGaps.MinimumHeadroom;

    /// <summary>Working on a whole dimension promises less for one question than naming it.</summary>
    public const double DimensionWeight = 0.5;

    private readonly QuestionnaireSchema _schema = catalogue.Questionnaire;

    public ProgrammeCatalogue Catalogue => catalogue;

    /// <summary>The programmes that address this product's gaps, best first, each with its reasons.</summary>
    public IReadOnlyList<ProgrammeMatch> Match(ProductGaps product)
    {
        var gaps = product.Explanation.QuestionGaps(_schema);
        var area = SmartSpecialisation.AreaOf(product.Sector, product.Region);
        return catalogue.Programmes
            .Where(p => p.ServesSector(product.Sector) && p.ServesRegion(product.Region))
            .Select(p => Score(p, gaps, product, area))
            .OfType<ProgrammeMatch>()
            .OrderByDescending(m => m.Relevance)
            .ThenByDescending(m => m.Programme.IsRegional)
            .ThenByDescending(m => m.Programme.IsSectorSpecific)
            .ThenBy(m => m.Programme.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// For the advisor report: which programmes a cohort calls for most, as the number of products each would help
    /// (then their summed relevance). <paramref name="topPerProduct"/> counts a programme for a product only when it
    /// is among that product's best few; null counts every match.
    /// </summary>
    public IReadOnlyList<ProgrammeDemand> Demand(IEnumerable<ProductGaps> products, int? topPerProduct = null)
    {
        if (topPerProduct is { } top) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top, nameof(topPerProduct));
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            foreach (var match in Match(product).Take(topPerProduct ?? int.MaxValue))
            {
                var tally = tallies.TryGetValue(match.Programme.Id, out var t) ? t : tallies[match.Programme.Id] = new Tally();
                tally.Products++;
                tally.Relevance += match.Relevance;
                foreach (var gap in match.Gaps) tally.Gaps[gap] = tally.Gaps.GetValueOrDefault(gap) + 1;
            }
        }
        return catalogue.Programmes
            .Where(p => tallies.ContainsKey(p.Id))
            .Select(p => (Programme: p, Tally: tallies[p.Id]))
            .Select(x => new ProgrammeDemand(x.Programme, x.Tally.Products, Math.Round(x.Tally.Relevance, 2),
                x.Tally.Gaps.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new GapDemand(g.Key, g.Value)).ToList()))
            .OrderByDescending(d => d.Products)
            .ThenByDescending(d => d.Relevance)
            .ThenBy(d => d.Programme.Id, StringComparer.Ordinal)
            .ToList();
    }

    private ProgrammeMatch? Score(SupportProgramme programme, IReadOnlyList<Contribution> gaps, ProductGaps product, S3Area area)
    {
        var reasons = new List<MatchReason>();
        var named = 0.0;
        var broad = new List<(string Dimension, double Headroom)>();
        foreach (var gap in gaps)
        {
            var question = _schema.QuestionsById[gap.Id];
            if (programme.Questions.Contains(gap.Id))
            {
                named += gap.Headroom;
                reasons.Add(GapReason(question, gap.Headroom));
            }
            else if (programme.Dimensions.Contains(question.Dimension))
            {
                var i = broad.FindIndex(b => b.Dimension == question.Dimension);
                if (i < 0) broad.Add((question.Dimension, gap.Headroom));
                else broad[i] = (question.Dimension, broad[i].Headroom + gap.Headroom);
            }
        }
        if (reasons.Count == 0 && broad.Count == 0) return null;

        reasons.AddRange(broad.Select(b => DimensionReason(b.Dimension, b.Headroom)));
        if (programme.IsRegional) reasons.Add(RegionReason(product.Region));
        if (programme.IsSectorSpecific) reasons.Add(SectorReason(product.Sector));
        if (area != S3Area.None && programme.S3Area == area) reasons.Add(S3Reason(area));
        // Rounded so that the same gaps summed by two programmes tie exactly and the tie-breaks decide.
        var relevance = Math.Round(named + DimensionWeight * broad.Sum(b => b.Headroom), 2);
        return new ProgrammeMatch(programme, relevance, reasons);
    }

    private MatchReason GapReason(Question question, double headroom)
    {
        var dimension = DimensionName(question.Dimension);
        return new(MatchReasonKind.Gap, question.Id, headroom, new LocalizedText(
            $"Tar sig an ert gap inom ”{dimension.Sv}”: {question.Text.Sv}",
            $"Addresses your gap in “{dimension.En}”: {question.Text.En}"));
    }

    private MatchReason DimensionReason(string dimensionId, double headroom)
    {
        var name = DimensionName(dimensionId);
        return new(MatchReasonKind.Dimension, dimensionId, headroom, new LocalizedText(
            $"Arbetar med ”{name.Sv}”, där ni har förbättringsutrymme",
            $"Works on “{name.En}”, where you have room to improve"));
    }

    private MatchReason RegionReason(string regionId)
    {
        var name = _schema.FindRegion(regionId)?.Name ?? new LocalizedText(regionId, regionId);
        return new(MatchReasonKind.Region, regionId, 0, new LocalizedText(
            $"Särskilt för företag i {name.Sv}", $"Specifically for companies in {name.En}"));
    }

    private MatchReason SectorReason(string sectorId)
    {
        var name = _schema.FindSector(sectorId)?.Name ?? new LocalizedText(sectorId, sectorId);
        return new(MatchReasonKind.Sector, sectorId, 0, new LocalizedText(
            $"Särskilt för branschen ”{name.Sv}”", $"Specifically for the sector “{name.En}”"));
    }

    private static MatchReason S3Reason(S3Area area)
    {
        var name = SmartSpecialisation.Name(area);
        return new(MatchReasonKind.S3Area, SmartSpecialisation.Code(area), 0, new LocalizedText(
            $"Hör till kunskapsområdet {name.Sv} i den smarta specialiseringen för Småland och öarna",
            $"Belongs to the knowledge area {name.En} in the smart specialisation of Småland and the Islands"));
    }

    private LocalizedText DimensionName(string id) =>
        _schema.Dimensions.FirstOrDefault(d => d.Id == id)?.Name ?? new LocalizedText(id, id);

    private sealed class Tally
    {
        public int Products;
        public double Relevance;
        public readonly Dictionary<string, int> Gaps = new(StringComparer.Ordinal);
    }
}
