using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Funnel;

/// <summary>The funnel's arithmetic: a product's stays and days per stage, its cohort, and the counts and conversions per programme and intake year.</summary>
public class FunnelTests
{
    private static readonly FunnelStages Stages = FunnelStages.Default;
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static StageMove Move(string stage, string date, string product = "p") =>
        new(product, stage, DateOnly.Parse(date), "", "Anna", DateTimeOffset.Parse(date + "T12:00:00Z"));

    private static ProductTimeline Timeline(string firstAssessed, params StageMove[] moves) =>
        ProductTimeline.Build(Stages, DateOnly.Parse(firstAssessed), moves, Today);

    private static FunnelProduct Product(string programme, string firstAssessed, params string[] stagesAndDates)
    {
        var id = Guid.NewGuid().ToString("N");
        var moves = stagesAndDates.Chunk(2).Select(p => Move(p[0], p[1], id)).ToArray();
        return new FunnelProduct(id, programme, "AB", "Produkt", Timeline(firstAssessed, moves));
    }

    [Fact]
    public void A_product_without_moves_is_screened_since_its_first_assessment_and_counts_the_days_until_today()
    {
        var timeline = Timeline("2026-11-05");

        var only = Assert.Single(timeline.Entries);
        Assert.Equal(("screened", new DateOnly(2026, 11, 5), 20, true), (only.Stage, only.Date, only.Days, only.Current));
        Assert.Null(only.Move);
        Assert.Equal(2026, timeline.Cohort);
        Assert.Equal(0, timeline.FurthestIndex);
        Assert.Null(timeline.CompletedDaysIn("screened"));
    }

    [Fact]
    public void Each_move_ends_the_stay_before_it_and_days_add_up_per_stage_when_a_product_goes_back()
    {
        var timeline = Timeline("2026-01-10",
            Move("selected", "2026-02-01"), Move("in-development", "2026-03-01"), Move("selected", "2026-03-11"), Move("in-development", "2026-04-10"));

        Assert.Equal(["screened", "selected", "in-development", "selected", "in-development"], timeline.Entries.Select(e => e.Stage));
        Assert.Equal(22, timeline.DaysIn("screened"));
        Assert.Equal(28 + 30, timeline.DaysIn("selected"));
        Assert.Equal(10 + (Today.DayNumber - new DateOnly(2026, 4, 10).DayNumber), timeline.DaysIn("in-development"));
        Assert.Equal(10, timeline.CompletedDaysIn("in-development")); // the running stay is left out of the averages
        Assert.Equal("in-development", timeline.Current.Stage);
        Assert.Equal(new DateOnly(2026, 2, 1), timeline.EnteredAt("selected")); // the first time
    }

    [Fact]
    public void A_product_sent_back_still_counts_as_having_reached_its_furthest_stage()
    {
        var timeline = Timeline("2026-01-10", Move("export-ready", "2026-05-01"), Move("in-development", "2026-06-01"));

        Assert.Equal("in-development", timeline.Current.Stage);
        Assert.True(timeline.Reached(Stages.IndexOf("export-ready")));
        Assert.False(timeline.Reached(Stages.IndexOf("exporting")));
    }

    [Fact]
    public void A_skipped_stage_is_reached_but_has_no_entry_date_and_no_days()
    {
        var timeline = Timeline("2026-01-10", Move("export-ready", "2026-05-01"));

        Assert.True(timeline.Reached(Stages.IndexOf("selected")));
        Assert.Null(timeline.EnteredAt("selected"));
        Assert.Null(timeline.DaysIn("selected"));
    }

    [Fact]
    public void The_cohort_is_the_year_of_intake_and_a_move_dated_before_the_first_assessment_moves_the_intake_back()
    {
        Assert.Equal(2025, Timeline("2026-01-03", Move("screened", "2025-12-15")).Cohort);
        var early = Timeline("2026-01-03", Move("selected", "2025-12-20"));
        Assert.Equal(["screened", "selected"], early.Entries.Select(e => e.Stage));
        Assert.Equal(new DateOnly(2025, 12, 20), early.Intake);
        Assert.Equal(0, early.Entries[0].Days);
        // A move to the first stage replaces the implicit screening rather than adding a second one.
        Assert.Single(Timeline("2026-01-03", Move("screened", "2026-01-03")).Entries);
    }

    [Fact]
    public void A_stored_move_to_a_stage_no_longer_configured_is_kept_by_its_id_and_counts_toward_no_stage()
    {
        var timeline = Timeline("2026-01-10", Move("selected", "2026-02-01"), Move("pilot-abroad", "2026-03-01"));

        Assert.Equal("pilot-abroad", timeline.Current.Stage);
        Assert.Equal(1, timeline.FurthestIndex);
        Assert.Equal("pilot-abroad", Stages.NameOf("pilot-abroad", "sv"));
        var report = FunnelReport.Build(Stages, [new FunnelProduct("x", "p", "AB", "P", timeline)]);
        Assert.Equal("1 → 1 → 0 → 0 → 0", report.Total.Chain);
    }

    [Fact]
    public void The_report_counts_products_reaching_each_stage_with_conversion_and_median_days_per_programme_and_cohort()
    {
        var products = new List<FunnelProduct>
        {
            Product("norr", "2026-01-01", "selected", "2026-01-11", "export-ready", "2026-03-01"),
            Product("norr", "2026-01-01", "selected", "2026-01-21", "in-development", "2026-02-01", "export-ready", "2026-04-01"),
            Product("norr", "2026-01-01", "selected", "2026-01-31"),
            Product("norr", "2026-01-01"),
            Product("norr", "2026-01-01"),
            Product("norr", "2025-06-01", "selected", "2025-07-01"),
            Product("syd", "2026-02-01"),
        };

        var report = FunnelReport.Build(Stages, products);

        var norr2026 = report.Rows.Single(r => r is { Programme: "norr", Cohort: 2026 });
        Assert.Equal(5, norr2026.Products);
        Assert.Equal("5 → 3 → 2 → 2 → 0", norr2026.Chain);
        Assert.Equal([null, 0.6, 0.67, 1.0, 0.0], norr2026.Stages.Select(s => s.Conversion));
        var screened = norr2026.Stages[0];
        Assert.Equal(20, screened.MedianDays); // 10, 20, 30 days; the two still screened are not counted
        Assert.Equal(20, screened.MeanDays);
        Assert.Null(norr2026.Stages[4].MedianDays);

        Assert.Equal(1, report.Rows.Single(r => r is { Programme: "norr", Cohort: 2025 }).Products);
        Assert.Equal(6, report.Rows.Single(r => r is { Programme: null, Cohort: 2026 }).Products);
        Assert.Equal(7, report.Total.Products);
        Assert.Equal("7 → 4 → 2 → 2 → 0", report.Total.Chain);
        Assert.Equal(Stages.Ids, report.Stages);
    }

    [Fact]
    public void The_collector_takes_a_products_programme_and_intake_from_its_first_assessment_and_its_names_from_the_latest()
    {
        Assessment Assessment(string id, string productId, string programme, string company, string when) =>
            AssessmentBuilder.Mixed().InProgramme(programme).Named(company).ToAssessment(id, DateTimeOffset.Parse(when)) with { ProductId = productId };
        var collector = new FunnelCollector();
        collector.Add(Assessment("b", "a", "later", "Nytt Namn AB", "2027-02-01T10:00:00Z"));
        collector.Add(Assessment("a", "a", "first", "Gammalt AB", "2026-12-30T10:00:00Z"));

        var product = Assert.Single(collector.Products(Stages, new Dictionary<string, IReadOnlyList<StageMove>>(), Today));
        Assert.Equal(("first", "Nytt Namn AB", 2026), (product.Programme, product.CompanyName, product.Timeline.Cohort));
        Assert.Empty(collector.Products(Stages, new Dictionary<string, IReadOnlyList<StageMove>>(), Today, cohort: 2027));
    }
}
