using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using static ExportReadiness.Core.Tests.Programmes.CatalogueDocument;

namespace ExportReadiness.Core.Tests.Programmes;

public class ProgrammeMatcherTests
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;

    private static ProgrammeMatcher Matcher(params System.Text.Json.Nodes.JsonNode[] programmes) => new(Catalogue(programmes));

    [Fact]
    public void A_programme_naming_the_largest_gaps_ranks_above_one_naming_a_smaller_gap_and_one_addressing_none_is_not_offered()
    {
        var matcher = Matcher(
            Programme("small-gap", dimensions: ["logistics"], questions: ["log_customs"]),
            Programme("no-gap", dimensions: ["product"], questions: ["prod_usp"]),
            Programme("large-gaps", dimensions: ["finance"], questions: ["fin_payment_risk", "fin_currency"]));

        var matches = matcher.Match(Product("manufacturing", "SE-H", ("fin_payment_risk", 6), ("fin_currency", 2.5), ("log_customs", 1.5)));

        Assert.Equal(["large-gaps", "small-gap"], matches.Select(m => m.Programme.Id));
        Assert.Equal(8.5, matches[0].Relevance);
    }

    [Fact]
    public void A_regional_programme_is_offered_in_its_own_region_and_not_to_a_product_from_another()
    {
        var matcher = Matcher(Programme("kalmar-only", questions: ["fin_payment_risk"], regions: ["SE-H"]));

        Assert.Single(matcher.Match(Product("food", "SE-H", ("fin_payment_risk", 4))));
        Assert.Empty(matcher.Match(Product("food", "SE-G", ("fin_payment_risk", 4))));
    }

    [Fact]
    public void A_sector_programme_is_offered_only_to_its_sector_and_a_national_one_not_to_a_company_abroad()
    {
        var matcher = Matcher(
            Programme("tourism-only", dimensions: ["finance"], questions: ["fin_pricing"], sectors: ["tourism"]),
            Programme("national", dimensions: ["finance"], questions: ["fin_pricing"]));

        Assert.Equal(["tourism-only", "national"], matcher.Match(Product("tourism", "SE-I", ("fin_pricing", 3))).Select(m => m.Programme.Id));
        Assert.Equal(["national"], matcher.Match(Product("digital", "SE-I", ("fin_pricing", 3))).Select(m => m.Programme.Id));
        Assert.Empty(matcher.Match(Product("digital", SupportProgramme.OutsideSweden, ("fin_pricing", 3))));
    }

    [Fact]
    public void The_reasons_name_the_gaps_largest_first_with_their_points_in_both_languages()
    {
        var matcher = Matcher(Programme("p", dimensions: ["finance", "logistics"], questions: ["log_customs", "fin_payment_risk"], regions: ["SE-F"]));

        var match = Assert.Single(matcher.Match(Product("manufacturing", "SE-F", ("log_customs", 1.5), ("fin_payment_risk", 6))));

        Assert.Equal(["fin_payment_risk", "log_customs"], match.Gaps);
        var first = match.Reasons[0];
        Assert.Equal((MatchReasonKind.Gap, 6.0), (first.Kind, first.Points));
        Assert.Contains(Schema.QuestionsById["fin_payment_risk"].Text.Sv, first.Text.Sv);
        Assert.Contains(Schema.QuestionsById["fin_payment_risk"].Text.En, first.Text.En);
        var region = Assert.Single(match.Reasons, r => r.Kind == MatchReasonKind.Region);
        Assert.Equal("SE-F", region.Id);
        Assert.Contains("Jönköpings län", region.Text.Sv);
    }

    [Fact]
    public void Another_gap_in_a_dimension_the_programme_works_on_counts_at_half_its_headroom()
    {
        var matcher = Matcher(Programme("p", dimensions: ["finance"], questions: ["fin_payment_risk"]));

        var match = Assert.Single(matcher.Match(Product("manufacturing", "SE-H", ("fin_payment_risk", 4), ("fin_currency", 2), ("fin_pricing", 1))));

        Assert.Equal(4 + ProgrammeMatcher.DimensionWeight * 3, match.Relevance);
        var dimension = Assert.Single(match.Reasons, r => r.Kind == MatchReasonKind.Dimension);
        Assert.Equal(("finance", 3.0), (dimension.Id, dimension.Points));
    }

    [Fact]
    public void On_equal_relevance_the_regional_then_the_sector_specific_programme_comes_first_then_the_id()
    {
        var matcher = Matcher(
            Programme("b-national", questions: ["fin_currency"]),
            Programme("a-national", questions: ["fin_currency"]),
            Programme("sector", questions: ["fin_currency"], sectors: ["food"]),
            Programme("regional", questions: ["fin_currency"], regions: ["SE-G"]));

        var matches = matcher.Match(Product("food", "SE-G", ("fin_currency", 2)));

        Assert.Equal(["regional", "sector", "a-national", "b-national"], matches.Select(m => m.Programme.Id));
    }

    [Fact]
    public void Headroom_below_a_tenth_of_a_point_is_rounding_not_a_gap()
    {
        var matcher = Matcher(Programme("p", questions: ["fin_currency"]));

        Assert.Empty(matcher.Match(Product("food", "SE-G", ("fin_currency", 0.05))));
    }

    [Fact]
    public void The_cohort_counts_the_products_each_programme_would_help_most_called_for_first()
    {
        var matcher = Matcher(
            Programme("payments", dimensions: ["finance"], questions: ["fin_payment_risk"]),
            Programme("customs", dimensions: ["logistics"], questions: ["log_customs"]),
            Programme("kalmar-markets", dimensions: ["market"], questions: ["mkt_target_market"], regions: ["SE-H"]),
            Programme("unused", dimensions: ["people"], questions: ["org_export_owner"]));
        ProductGaps[] cohort =
        [
            Product("food", "SE-H", ("fin_payment_risk", 5), ("mkt_target_market", 3)),
            Product("manufacturing", "SE-G", ("fin_payment_risk", 2), ("log_customs", 4), ("mkt_target_market", 6)),
            Product("tourism", "SE-H", ("log_customs", 1), ("mkt_target_market", 2)),
            Product("digital", "SE-F"),
        ];

        var demand = matcher.Demand(cohort);

        Assert.Equal([("payments", 2, 7.0), ("customs", 2, 5.0), ("kalmar-markets", 2, 5.0)], demand.Select(d => (d.Programme.Id, d.Products, d.Relevance)));
        Assert.Equal([new GapDemand("mkt_target_market", 2)], demand.Single(d => d.Programme.Id == "kalmar-markets").Gaps);
    }

    [Fact]
    public void The_cohort_can_count_a_programme_only_where_it_is_among_a_products_best_matches()
    {
        var matcher = Matcher(
            Programme("big", dimensions: ["finance"], questions: ["fin_payment_risk"]),
            Programme("small", dimensions: ["logistics"], questions: ["log_customs"]));
        ProductGaps[] cohort = [Product("food", "SE-H", ("fin_payment_risk", 5), ("log_customs", 1)), Product("food", "SE-G", ("log_customs", 1))];

        Assert.Equal([("small", 2), ("big", 1)], matcher.Demand(cohort).Select(d => (d.Programme.Id, d.Products)));
        Assert.Equal([("big", 1), ("small", 1)], matcher.Demand(cohort, topPerProduct: 1).Select(d => (d.Programme.Id, d.Products)));
    }

    [Fact]
    public void A_gotland_tourism_company_without_bookable_packages_is_offered_the_visitsweden_criteria_and_its_s3_platform()
    {
        var matcher = new ProgrammeMatcher(ProgrammeCatalogue.Bundled);

        var matches = matcher.Match(Product("tourism", "SE-I", ("tour_bookable_packages", 7), ("prod_usp", 2)));

        Assert.Equal("visit-sweden-export-ready", matches[0].Programme.Id);
        var platform = Assert.Single(matches, m => m.Programme.Id == "s3-platform-visitor-economy");
        Assert.Contains(platform.Reasons, r => r is { Kind: MatchReasonKind.S3Area, Id: "visitor-economy" });
        Assert.DoesNotContain(matches, m => m.Programme.Id is "kalmar-innovation-finance" or "s3-platform-food");
    }

    [Fact]
    public void A_kalmar_manufacturer_afraid_of_not_being_paid_is_offered_ekn_first_and_nothing_meant_for_another_county()
    {
        var matcher = new ProgrammeMatcher(ProgrammeCatalogue.Bundled);

        var matches = matcher.Match(Product("manufacturing", "SE-H", ("fin_payment_risk", 8), ("fin_working_capital_months", 3), ("mkt_target_market", 1)));

        Assert.Equal("ekn-export-credit-guarantees", matches[0].Programme.Id);
        Assert.All(matches, m => Assert.True(m.Programme.ServesRegion("SE-H")));
        Assert.Contains(matches, m => m.Programme.Id == "kalmar-market-development-voucher");
        Assert.DoesNotContain(matches, m => m.Programme.Id is "gotland-business-support" or "jonkoping-new-markets" or "kronoberg-export-centre");
    }
}
