namespace ExportReadiness.Core.Training;

/// <summary>
/// The synthetic outcome's weights, one per question and one per context term, each in log-odds for moving
/// from the lowest answer to the top one. Direction and relative size follow published firm-level evidence on
/// what goes with exporting; the source of every number is in docs/training-data.md. Where no evidence exists
/// the weight is kept modest (≤ 0.2), and spare capacity, whose sign the evidence leaves open, weighs nothing.
/// </summary>
public static class EvidenceWeights
{
    public static readonly IReadOnlyDictionary<string, double> Questions = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // Management commitment: a consistent positive determinant in the export-performance reviews.
        ["mgmt_export_strategy"] = 0.6,
        ["mgmt_time_percent"] = 0.3,
        ["mgmt_motive"] = 0.2,
        // Export experience: sunk entry costs make past exporting the strongest single predictor.
        ["exp_export_history"] = 1.6,
        ["exp_markets_count"] = 0.6,
        ["exp_references"] = 0.4,
        // Product innovation and R&D.
        ["prod_usp"] = 0.6,
        ["prod_adaptation"] = 0.4,
        ["prod_english_docs"] = 0.2,
        ["prod_after_sales"] = 0.2,
        // Capacity: no consistent evidence; spare capacity is ambiguous and weighs nothing.
        ["ops_spare_capacity_percent"] = 0.0,
        ["ops_scalability"] = 0.15,
        ["ops_delivery_reliability"] = 0.2,
        // Internationally recognised certification.
        ["cert_quality_system"] = 0.7,
        ["cert_market_requirements"] = 0.5,
        ["cert_ce_marking"] = 0.5,
        ["cert_food_safety"] = 0.6,
        ["cert_chain_of_custody"] = 0.4,
        ["cert_ip_protection"] = 0.2,
        // Market knowledge and contacts.
        ["mkt_target_market"] = 0.4,
        ["mkt_customer_contacts"] = 0.4,
        ["mkt_competitors"] = 0.2,
        // Channels; e-commerce as digital presence.
        ["chan_entry_mode"] = 0.4,
        ["chan_ecommerce"] = 0.4,
        ["chan_partner_support"] = 0.2,
        // Website and digital presence; export promotion programmes.
        ["digi_website_languages"] = 0.7,
        ["digi_trade_fairs"] = 0.3,
        ["digi_marketing_plan"] = 0.2,
        // Finance: weakly associated, and mostly after the fact.
        ["fin_export_budget_percent"] = 0.15,
        ["fin_working_capital_months"] = 0.15,
        ["fin_pricing"] = 0.2,
        // Trade know-how (payment instruments, currency, incoterms, customs), which importers acquire.
        ["fin_payment_risk"] = 0.3,
        ["fin_currency"] = 0.3,
        ["log_customs"] = 0.7,
        ["log_incoterms"] = 0.5,
        ["log_shipping"] = 0.3,
        // People: an export owner (commitment), language skills (skilled staff); training is weak.
        ["org_export_owner"] = 0.4,
        ["org_language_skills"] = 0.3,
        ["org_export_training"] = 0.15,
        // Sustainability: ISO 14001 and labels are recognised certification; climate data has no evidence.
        ["sust_certification"] = 0.4,
        ["sust_quality_followup"] = 0.2,
        ["sust_climate_data"] = 0.1,
        // Tourism module: VisitSweden's definition of an export-ready product, not outcome evidence.
        ["tour_bookable_packages"] = 0.4,
        ["tour_net_rates"] = 0.4,
        ["tour_prices_ahead"] = 0.4,
        ["tour_same_day_confirmation"] = 0.4,
        ["tour_market_language"] = 0.4,
        ["tour_sustainability_label"] = 0.4,
    };

    /// <summary>Log-odds per unit of ln(employees): larger firms export more.</summary>
    public const double LogEmployees = 0.45;

    /// <summary>Log-odds per unit of ln(1 + age in years): older firms slightly more often; the evidence is mixed.</summary>
    public const double LogAge = 0.1;

    /// <summary>Modest sector offsets: goods sectors export more often than local services.</summary>
    public static readonly IReadOnlyDictionary<string, double> Sectors = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["manufacturing"] = 0.3, ["process"] = 0.3, ["mining"] = 0.2, ["forestry"] = 0.2, ["digital"] = 0.2,
        ["food"] = 0.0, ["energy"] = 0.0, ["tourism"] = -0.2, ["other"] = -0.3,
    };
}
