using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Reports;

/// <summary>One of VisitSweden's criteria for export-ready tourism products: the question that asks it and a short name.</summary>
public sealed record VisitSwedenCriterion(string QuestionId, LocalizedText Name);

/// <summary>
/// VisitSweden's criteria for export-ready tourism products, as the questionnaire's tourism module asks them
/// (docs/questionnaire.md, "Sector modules"; the short names are that section's wording). A criterion is met by the
/// question's top answer: <c>bookable</c> for packages, <c>yes</c> for the others.
/// </summary>
public static class VisitSwedenCriteria
{
    public static readonly IReadOnlyList<VisitSwedenCriterion> All =
    [
        new("tour_bookable_packages", new("Bokningsbara paket på 2–5 dagar", "Bookable 2–5 day packages")),
        new("tour_net_rates", new("Provisionsgrundande nettopriser", "Commissionable net rates")),
        new("tour_prices_ahead", new("Priser satta 12 månader i förväg", "Prices set 12 months ahead")),
        new("tour_same_day_confirmation", new("Bokningsbekräftelse samma dag", "Same-day booking confirmation")),
        new("tour_market_language", new("Kommunikation på marknadens språk", "Communication in the market's language")),
        new("tour_sustainability_label", new("Hållbarhetsmärkning", "Sustainability label")),
    ];

    /// <summary>The name of the row for products meeting every criterion.</summary>
    public static readonly LocalizedText AllCriteria = new("Alla sex kriterier", "All six criteria");
}
