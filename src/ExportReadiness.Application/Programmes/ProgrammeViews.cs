using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Application.Programmes;

/// <summary>
/// A programme offered for one assessment, as the API sends it: texts keyed by language (<c>{"sv": …, "en": …}</c>,
/// or only the language the request asked for), the reasons it matches and the sources its description cites.
/// </summary>
public sealed record ProgrammeOffer(
    string Id,
    IReadOnlyDictionary<string, string> Name,
    IReadOnlyDictionary<string, string> Provider,
    ProgrammeKind Kind,
    IReadOnlyDictionary<string, string> Description,
    string Url,
    double Relevance,
    IReadOnlyList<OfferReason> Reasons,
    IReadOnlyList<SourceCitation> Sources);

/// <summary>Why a programme is offered: the gap (question), dimension, sector, region or S3 area, and the points behind it.</summary>
public sealed record OfferReason(MatchReasonKind Kind, string Id, double Points, IReadOnlyDictionary<string, string> Text);

/// <summary>The catalogue in the shape an extension is written in, so an advisor can copy an entry to correct it.</summary>
public sealed record CatalogueDocument(int SchemaVersion, IReadOnlyList<SupportProgramme> Programmes);

/// <summary>A saved extension: how many programmes the merged catalogue now offers.</summary>
public sealed record ExtensionSaved(int Programmes);

/// <summary>Which programmes a cohort's gaps call for most (advisors), over at most <see cref="MaxProducts"/> scored products.</summary>
public sealed record CohortDemandView(int Products, bool Capped, int MaxProducts, int TopPerProduct, IReadOnlyList<ProgrammeDemandView> Programmes);

public sealed record ProgrammeDemandView(
    string Id, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Provider, ProgrammeKind Kind, string Url,
    int Products, double Relevance, IReadOnlyList<GapDemand> Gaps);

public static class ProgrammeViewMapping
{
    public static ProgrammeOffer AsOffer(this ProgrammeMatch match, string? lang)
    {
        var p = match.Programme;
        return new ProgrammeOffer(p.Id, p.Name.Only(lang), p.Provider.Only(lang), p.Kind, p.Description.Only(lang), p.Url, match.Relevance,
            match.Reasons.Select(r => new OfferReason(r.Kind, r.Id, r.Points, r.Text.Only(lang))).ToList(), p.Sources);
    }

    public static CohortDemandView AsView(this CohortDemand demand, string? lang) => new(
        demand.Products, demand.Capped, CohortProgrammes.MaxProducts, ProgrammeOffers.Top,
        demand.Programmes.Select(d => new ProgrammeDemandView(d.Programme.Id, d.Programme.Name.Only(lang), d.Programme.Provider.Only(lang),
            d.Programme.Kind, d.Programme.Url, d.Products, d.Relevance, d.Gaps)).ToList());

    /// <summary>Both languages, or only the one asked for: the shape stays an object keyed by language either way.</summary>
    public static IReadOnlyDictionary<string, string> Only(this LocalizedText text, string? lang) => lang switch
    {
        "sv" => new Dictionary<string, string> { ["sv"] = text.Sv },
        "en" => new Dictionary<string, string> { ["en"] = text.En },
        _ => new Dictionary<string, string> { ["sv"] = text.Sv, ["en"] = text.En },
    };
}
