using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Programmes;

namespace ExportReadiness.Application.Programmes;

/// <summary>How many of a cohort's products each programme would help, over at most <paramref name="Products"/> of them.</summary>
public sealed record CohortDemand(int Products, bool Capped, IReadOnlyList<ProgrammeDemand> Programmes);

/// <summary>
/// Which programmes a cohort's gaps call for most, for the advisor's report: <see cref="ProgrammeMatcher.Demand"/> over
/// the scored assessments of a filter, each counted for the programmes it is offered (its top <see cref="ProgrammeOffers.Top"/>).
/// </summary>
public sealed class CohortProgrammes(IAssessmentStore store, ProgrammeCatalogueProvider catalogue)
{
    /// <summary>
    /// The report is built on every dashboard view, so its cost must not grow with the portfolio: the first 1,000 scored
    /// products of a filter (in storage order: by programme, then oldest first) show which programmes are called for
    /// about as well as all of them would, and matching them takes a few milliseconds.
    /// </summary>
    public const int MaxProducts = 1000;

    public async Task<CohortDemand> BuildAsync(AssessmentQuery query, CancellationToken cancellationToken)
    {
        var matcher = await catalogue.MatcherAsync(cancellationToken);
        var products = new List<ProductGaps>();
        var capped = false;
        await foreach (var assessment in store.ScanAsync(query, cancellationToken))
        {
            if (ProgrammeOffers.GapsOf(assessment) is not { } gaps) continue;
            if (products.Count == MaxProducts)
            {
                capped = true;
                break;
            }
            products.Add(gaps);
        }
        return new CohortDemand(products.Count, capped, matcher.Demand(products, ProgrammeOffers.Top));
    }
}
