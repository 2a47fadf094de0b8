namespace ExportReadiness.Core.Training;

/// <summary>How much the published evidence behind a prior weight supports it (docs/training-data.md, "An honest prior").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EvidenceStrength>))]
public enum EvidenceStrength
{
    /// <summary>Several firm-level studies agree on the direction and that it is large; the number is still a judgment.</summary>
    Strong,

    /// <summary>Reviews and meta-analyses find it positive, though not always significant.</summary>
    Moderate,

    /// <summary>Studies disagree (some find it matters, some find no difference before firms export).</summary>
    Mixed,

    /// <summary>The evidence comes from developing or transition economies, where the effect is larger; smaller here.</summary>
    Indirect,

    /// <summary>The evidence cited finds no lasting effect; kept at a minimum.</summary>
    Against,

    /// <summary>No firm-level evidence was found; a modest judgment.</summary>
    None,

    /// <summary>A criterion of export readiness (VisitSweden), not evidence about outcomes.</summary>
    Definition,
}

/// <summary>
/// The prior: the synthetic outcome's weights, one per question and one per context term, each in log-odds for moving
/// from the lowest answer to the top one. <b>Every number is a judgment</b>: no source gives a log-odds figure for our
/// questions. The direction and the rough strength follow published firm-level evidence, and
/// <see cref="Strength"/> says how much (sources and reasons in docs/training-data.md). Real labels update all of them
/// (<see cref="PriorWeightedTrainer"/>); the weakly supported ones are the first they should be allowed to overrule.
/// </summary>
public static class EvidenceWeights
{
    public static readonly IReadOnlyDictionary<string, double> Questions = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // Management commitment: a consistent positive determinant in the export-performance reviews.
        ["mgmt_export_strategy"] = 0.6,
        ["mgmt_time_percent"] = 0.3,
        ["mgmt_motive"] = 0.2,
        // Export experience: sunk entry costs make past exporting the strongest single predictor (Roberts & Tybout
        // report up to 60 percentage points); 1.6 log-odds is our judgment, below that.
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
        // Certification: the evidence is from developing and transition economies, where the effect is larger
        // (Goedhuys & Sleuwaegen 2016; Masakure et al. 2009), so smaller weights for Swedish firms.
        ["cert_quality_system"] = 0.4,
        ["cert_market_requirements"] = 0.4,
        ["cert_ce_marking"] = 0.4,
        ["cert_food_safety"] = 0.5,
        ["cert_chain_of_custody"] = 0.3,
        ["cert_ip_protection"] = 0.2,
        // Market knowledge and contacts.
        ["mkt_target_market"] = 0.4,
        ["mkt_customer_contacts"] = 0.4,
        ["mkt_competitors"] = 0.2,
        // Channels; e-commerce and the website: Clarke & Wallsten (2006) find no internet effect on exports from
        // developed countries, so both are small.
        ["chan_entry_mode"] = 0.4,
        ["chan_ecommerce"] = 0.2,
        ["chan_partner_support"] = 0.2,
        ["digi_website_languages"] = 0.3,
        // Trade fairs and promotion programmes: Alvarez (2004) finds that trade shows and missions do not raise the
        // probability of exporting permanently (exporter committees do), so a minimum.
        ["digi_trade_fairs"] = 0.1,
        ["digi_marketing_plan"] = 0.2,
        // Finance: mixed. Manova (2013) and Muûls (2015) find credit constraints matter; Greenaway, Guariglia &
        // Kneller (2007) find no difference before firms start exporting.
        ["fin_export_budget_percent"] = 0.25,
        ["fin_working_capital_months"] = 0.25,
        ["fin_pricing"] = 0.2,
        // Trade know-how (payment instruments, currency, incoterms, customs), which importers acquire.
        ["fin_payment_risk"] = 0.3,
        ["fin_currency"] = 0.3,
        ["log_customs"] = 0.7,
        ["log_incoterms"] = 0.5,
        ["log_shipping"] = 0.3,
        // People: an export owner (commitment), language skills (skilled staff); training has no evidence.
        ["org_export_owner"] = 0.4,
        ["org_language_skills"] = 0.3,
        ["org_export_training"] = 0.15,
        // Sustainability: ISO 14001 as certification (developing-economy evidence); climate data has none.
        ["sust_certification"] = 0.25,
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

    /// <summary>How well each answer weight is supported; the weaker, the sooner real labels should overrule it.</summary>
    public static readonly IReadOnlyDictionary<string, EvidenceStrength> Strength = new Dictionary<string, EvidenceStrength>(StringComparer.Ordinal)
    {
        ["mgmt_export_strategy"] = EvidenceStrength.Moderate, ["mgmt_time_percent"] = EvidenceStrength.Moderate, ["mgmt_motive"] = EvidenceStrength.None,
        ["exp_export_history"] = EvidenceStrength.Strong, ["exp_markets_count"] = EvidenceStrength.Strong, ["exp_references"] = EvidenceStrength.Moderate,
        ["prod_usp"] = EvidenceStrength.Moderate, ["prod_adaptation"] = EvidenceStrength.Moderate,
        ["prod_english_docs"] = EvidenceStrength.None, ["prod_after_sales"] = EvidenceStrength.None,
        ["ops_spare_capacity_percent"] = EvidenceStrength.Mixed, ["ops_scalability"] = EvidenceStrength.None, ["ops_delivery_reliability"] = EvidenceStrength.None,
        ["cert_quality_system"] = EvidenceStrength.Indirect, ["cert_market_requirements"] = EvidenceStrength.Indirect,
        ["cert_ce_marking"] = EvidenceStrength.Indirect, ["cert_food_safety"] = EvidenceStrength.Indirect,
        ["cert_chain_of_custody"] = EvidenceStrength.Indirect, ["cert_ip_protection"] = EvidenceStrength.None,
        ["mkt_target_market"] = EvidenceStrength.Moderate, ["mkt_customer_contacts"] = EvidenceStrength.Moderate, ["mkt_competitors"] = EvidenceStrength.None,
        ["chan_entry_mode"] = EvidenceStrength.Moderate, ["chan_ecommerce"] = EvidenceStrength.Indirect, ["chan_partner_support"] = EvidenceStrength.None,
        ["digi_website_languages"] = EvidenceStrength.Indirect, ["digi_trade_fairs"] = EvidenceStrength.Against, ["digi_marketing_plan"] = EvidenceStrength.None,
        ["fin_export_budget_percent"] = EvidenceStrength.Mixed, ["fin_working_capital_months"] = EvidenceStrength.Mixed, ["fin_pricing"] = EvidenceStrength.None,
        ["fin_payment_risk"] = EvidenceStrength.Moderate, ["fin_currency"] = EvidenceStrength.Moderate,
        ["log_customs"] = EvidenceStrength.Moderate, ["log_incoterms"] = EvidenceStrength.Moderate, ["log_shipping"] = EvidenceStrength.Moderate,
        ["org_export_owner"] = EvidenceStrength.Moderate, ["org_language_skills"] = EvidenceStrength.Indirect, ["org_export_training"] = EvidenceStrength.None,
        ["sust_certification"] = EvidenceStrength.Indirect, ["sust_quality_followup"] = EvidenceStrength.None, ["sust_climate_data"] = EvidenceStrength.None,
        ["tour_bookable_packages"] = EvidenceStrength.Definition, ["tour_net_rates"] = EvidenceStrength.Definition,
        ["tour_prices_ahead"] = EvidenceStrength.Definition, ["tour_same_day_confirmation"] = EvidenceStrength.Definition,
        ["tour_market_language"] = EvidenceStrength.Definition, ["tour_sustainability_label"] = EvidenceStrength.Definition,
    };

    /// <summary>Log-odds per unit of ln(employees): larger firms export more (strong evidence; the size is a judgment).</summary>
    public const double LogEmployees = 0.45;

    /// <summary>Log-odds per unit of ln(1 + age in years): older firms slightly more often; the evidence is mixed.</summary>
    public const double LogAge = 0.1;

    /// <summary>Modest sector offsets: goods sectors export more often than local services (no source gives Swedish SME rates).</summary>
    public static readonly IReadOnlyDictionary<string, double> Sectors = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["manufacturing"] = 0.3, ["process"] = 0.3, ["mining"] = 0.2, ["forestry"] = 0.2, ["digital"] = 0.2,
        ["food"] = 0.0, ["energy"] = 0.0, ["tourism"] = -0.2, ["other"] = -0.3,
    };

    /// <summary>The whole prior as one table, with the intercept that makes about two in five products export-ready.</summary>
    public static OutcomeWeights Prior { get; } = new(Questions, LogEmployees, LogAge, Sectors, SyntheticTrainingSet.Intercept);
}
