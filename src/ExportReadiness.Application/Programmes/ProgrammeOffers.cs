using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Programmes;

namespace ExportReadiness.Application.Programmes;

/// <summary>The best-matching programmes for one assessment, shared by the API, the SME's result page and the advisor's page.</summary>
public sealed class ProgrammeOffers(ProgrammeCatalogueProvider catalogue)
{
    /// <summary>Enough to act on; a longer list would bury the best offer in a printed report.</summary>
    public const int Top = 5;

    /// <summary>Null until the assessment is scored with an explanation (its gaps are what is matched).</summary>
    public async Task<IReadOnlyList<ProgrammeMatch>?> MatchAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        if (GapsOf(assessment) is not { } gaps) return null;
        var matcher = await catalogue.MatcherAsync(cancellationToken);
        return matcher.Match(gaps).Take(Top).ToList();
    }

    /// <summary>What the matcher reads of an assessment; null before scoring and for results stored before explanations.</summary>
    public static ProductGaps? GapsOf(Assessment assessment) => ProductGaps.Of(assessment);
}
