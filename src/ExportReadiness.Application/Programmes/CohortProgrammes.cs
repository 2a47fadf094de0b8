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

    /// <summary>The demand of a filter's assessments, read by a scan of their own that stops once the cap is reached.</summary>
    public async Task<CohortDemand> BuildAsync(AssessmentQuery query, CancellationToken cancellationToken)
    {
        var gaps = new CohortGaps();
        // Only scored assessments have gaps: storage is asked for those alone, so a filter full of Pending or Failed rows
        // is not read whole on the way to the cap.
        if (query.Status is { } status && status != AssessmentStatus.Scored) return await DemandAsync(gaps, cancellationToken);
        // Their gaps alone: the store reads the few columns the matcher needs, not a thousand whole rows.
        await foreach (var product in store.ScanGapsAsync(query with { Status = AssessmentStatus.Scored }, cancellationToken))
            if (!gaps.Add(product)) break;
        return await DemandAsync(gaps, cancellationToken);
    }

    /// <summary>The demand of gaps gathered while another report read the same assessments (the dashboard scans once).</summary>
    public async Task<CohortDemand> DemandAsync(CohortGaps gaps, CancellationToken cancellationToken) =>
        new(gaps.Products.Count, gaps.Capped, (await catalogue.MatcherAsync(cancellationToken)).Demand(gaps.Products, ProgrammeOffers.Top));
}

/// <summary>The gaps of a cohort's scored products as a scan passes them, up to <see cref="CohortProgrammes.MaxProducts"/>.</summary>
public sealed class CohortGaps
{
    internal List<ProductGaps> Products { get; } = [];
    internal bool Capped { get; private set; }

    /// <summary>Takes the assessment's gaps if it has any; false once the cap is passed, when more are not wanted.</summary>
    public bool Add(Assessment assessment) => ProgrammeOffers.GapsOf(assessment) is not { } gaps ? !Capped : Add(gaps);

    /// <summary>Takes a product's gaps; false once the cap is passed.</summary>
    public bool Add(ProductGaps gaps)
    {
        if (Capped) return false;
        if (Products.Count == CohortProgrammes.MaxProducts)
        {
            Capped = true;
            return false;
        }
        Products.Add(gaps);
        return true;
    }
}
