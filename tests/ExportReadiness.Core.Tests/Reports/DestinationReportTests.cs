using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Reports;

public class DestinationReportTests
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;
    private static readonly Rubric Rubric = new(Schema);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly DestinationGroup Group = new("asnen", null, null, Today);

    /// <summary>A scored assessment as the store returns it, with the rubric's dimension scores.</summary>
    private static Assessment Scored(AssessmentBuilder builder, string id, DateTimeOffset? submittedAt = null, string? productId = null)
    {
        var s = builder.ToSubmission();
        return new Assessment
        {
            Id = id, ProductId = productId, Programme = "asnen", SchemaVersion = 1, Company = s.Company, Product = s.Product, Answers = s.Answers,
            SubmittedAt = submittedAt ?? new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), AccessTokenHash = "", Status = AssessmentStatus.Scored,
            Result = new ScoringResult(50, ReadinessLevel.Emerging, 0.5, Rubric.Score(s.Company.Sector, s.Answers), [], "v1", DateTimeOffset.UtcNow),
        };
    }

    private static Task<DestinationReport> Build(DestinationGroup group, params Assessment[] assessments) =>
        DestinationReport.BuildAsync(group, assessments.ToAsyncEnumerable(), Schema, default);

    private static AssessmentBuilder Tourism() => AssessmentBuilder.Strong().InSector("tourism");

    [Fact]
    public async Task Each_criterion_counts_the_products_meeting_it_and_all_six_counts_only_those_meeting_every_one()
    {
        var report = await Build(Group,
            Scored(Tourism(), "a"),
            Scored(Tourism().WithAnswer("tour_bookable_packages", "on_request"), "b"),
            Scored(Tourism().WithAnswer("tour_bookable_packages", "none").WithAnswer("tour_net_rates", false), "c"),
            Scored(Tourism().WithAnswer("tour_sustainability_label", false), "d"));

        Assert.Equal(4, report.Products);
        var byId = report.Criteria.ToDictionary(c => c.Id);
        Assert.Equal(VisitSwedenCriteria.All.Select(c => c.QuestionId), report.Criteria.Select(c => c.Id));
        Assert.Equal((2, 4, 0.5), (byId["tour_bookable_packages"].Met, byId["tour_bookable_packages"].Answered, byId["tour_bookable_packages"].Share!.Value));
        Assert.Equal(0.75, byId["tour_net_rates"].Share);
        Assert.Equal(1.0, byId["tour_same_day_confirmation"].Share);
        Assert.Equal(0.75, byId["tour_sustainability_label"].Share);
        Assert.Equal((1, 4, 0.25), (report.AllCriteria.Met, report.AllCriteria.Answered, report.AllCriteria.Share!.Value));
    }

    [Fact]
    public async Task Products_of_other_sectors_are_not_applicable_to_the_criteria_rather_than_failing_them()
    {
        var report = await Build(Group,
            Scored(Tourism(), "a"),
            Scored(AssessmentBuilder.Weak().InSector("manufacturing"), "b"),
            Scored(AssessmentBuilder.Strong().InSector("food"), "c"));

        Assert.Equal(3, report.Products);
        Assert.All(report.Criteria, c => Assert.Equal((1, 1, 2, 1.0), (c.Met, c.Answered, c.NotApplicable, c.Share!.Value)));
        Assert.Equal((1, 1, 2), (report.AllCriteria.Met, report.AllCriteria.Answered, report.AllCriteria.NotApplicable));

        var noTourism = await Build(Group, Scored(AssessmentBuilder.Weak().InSector("manufacturing"), "b"));
        Assert.All(noTourism.Criteria, c => Assert.Null(c.Share));
        Assert.DoesNotContain(noTourism.SharedGaps, g => g.QuestionId.StartsWith("tour_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_product_counts_once_with_its_latest_scored_assessment_submitted_on_or_before_the_date()
    {
        var early = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var lastMinute = new DateTimeOffset(2026, 11, 25, 23, 59, 0, TimeSpan.Zero);
        var tooLate = new DateTimeOffset(2026, 11, 26, 0, 1, 0, TimeSpan.Zero);
        var first = Scored(Tourism().WithAnswer("tour_net_rates", false), "p1", early);
        var reassessed = Scored(Tourism(), "p2", lastMinute, productId: "p1");
        var afterTheDate = Scored(Tourism().WithAnswer("tour_net_rates", false).WithAnswer("tour_prices_ahead", false), "p3", tooLate, productId: "p1");
        var pending = Scored(Tourism().WithAnswer("tour_market_language", false), "p4", early, productId: "p1") with { Status = AssessmentStatus.Pending, Result = null };
        var other = Scored(Tourism().WithAnswer("tour_net_rates", false), "q1", early);

        var now = await Build(Group, afterTheDate, first, pending, reassessed, other);
        Assert.Equal(2, now.Products);
        Assert.Equal((1, 2), (now.Criteria.Single(c => c.Id == "tour_net_rates").Met, now.Criteria.Single(c => c.Id == "tour_net_rates").Answered));
        Assert.Equal(2, now.Criteria.Single(c => c.Id == "tour_prices_ahead").Met); // p3 is after the date

        var before = await Build(Group with { AsOf = new DateOnly(2026, 11, 1) }, afterTheDate, first, pending, reassessed, other);
        Assert.Equal(2, before.Products);
        Assert.Equal(0, before.Criteria.Single(c => c.Id == "tour_net_rates").Met); // p1 as it was first assessed

        var beforeAny = await Build(Group with { AsOf = new DateOnly(2026, 9, 30) }, first, reassessed, other);
        Assert.Equal(0, beforeAny.Products);
        Assert.Empty(beforeAny.SharedGaps);
        Assert.Empty(beforeAny.Dimensions);
    }

    [Fact]
    public async Task Shared_gaps_come_most_shared_first_with_their_share_and_a_joint_action_where_one_fits()
    {
        var report = await Build(Group,
            Scored(Tourism().WithGapsIn("tour_market_language", "tour_bookable_packages", "log_customs"), "a"),
            Scored(Tourism().WithGapsIn("tour_market_language", "tour_bookable_packages"), "b"),
            Scored(Tourism().WithGapsIn("tour_market_language", "tour_sustainability_label"), "c"),
            Scored(Tourism(), "d"));

        Assert.Equal(["tour_market_language", "tour_bookable_packages", "log_customs", "tour_sustainability_label"], report.SharedGaps.Select(g => g.QuestionId));
        Assert.Equal([3, 2, 1, 1], report.SharedGaps.Select(g => g.Products));
        Assert.Equal([0.75, 0.5, 0.25, 0.25], report.SharedGaps.Select(g => g.Share));
        Assert.Equal([JointActionKind.SharedTraining, JointActionKind.SharedBookingChannel, (JointActionKind?)null, JointActionKind.JointCertification],
            report.SharedGaps.Select(g => g.Action?.Kind));
        Assert.All(report.SharedGaps.Where(g => g.Action is not null), g => Assert.False(string.IsNullOrWhiteSpace(g.Action!.Hint.Sv + g.Action.Hint.En)));

        // The dimension averages are the rubric's, in the questionnaire's order: three of four score 0 in marketing's tourism question.
        Assert.Equal(Schema.Dimensions.Select(d => d.Id), report.Dimensions.Select(d => d.Id));
        Assert.Equal(100, report.Dimensions.Single(d => d.Id == "capacity").Average);
        Assert.True(report.Dimensions.Single(d => d.Id == "marketing").Average < 100);
    }

    [Fact]
    public async Task Comparing_two_groups_gives_the_second_minus_the_first_per_criterion_gap_and_dimension()
    {
        var autumn = await Build(Group,
            Scored(Tourism().WithGapsIn("tour_net_rates", "tour_prices_ahead"), "a"),
            Scored(Tourism().WithGapsIn("tour_net_rates"), "b"));
        var other = await Build(Group with { Programme = "kosta" },
            Scored(Tourism(), "c"),
            Scored(Tourism().WithGapsIn("tour_net_rates", "log_customs"), "d"),
            Scored(Tourism(), "e"),
            Scored(Tourism(), "f"));

        var d = ReportDifferences.Between(autumn, other);
        Assert.Equal(2, d.Products);
        Assert.Equal(0.75, d.Criteria.Single(c => c.Id == "tour_net_rates").Value);       // 0/2 → 3/4
        Assert.Equal(0.5, d.Criteria.Single(c => c.Id == "tour_prices_ahead").Value);     // 1/2 → 4/4
        Assert.Equal(0.0, d.Criteria.Single(c => c.Id == "tour_market_language").Value);
        Assert.Equal(0.75, d.AllCriteria.Value);                                          // 0/2 → 3/4
        Assert.Equal(["tour_net_rates", "tour_prices_ahead", "log_customs"], d.SharedGaps.Select(g => g.Id));
        Assert.Equal([-0.75, -0.5, 0.25], d.SharedGaps.Select(g => g.Value));
        var finance = d.Dimensions.Single(x => x.Id == "finance").Value!.Value;
        Assert.Equal(other.Dimensions.Single(x => x.Id == "finance").Average - autumn.Dimensions.Single(x => x.Id == "finance").Average, finance, 3);
        Assert.True(finance > 0);
    }

    [Fact]
    public async Task The_csv_has_a_row_per_figure_and_a_column_per_group_with_the_difference()
    {
        var first = await Build(Group, Scored(Tourism().WithGapsIn("tour_net_rates"), "a"), Scored(Tourism(), "b"));
        var second = await Build(Group with { Programme = "-kosta" }, Scored(Tourism(), "c"));
        var writer = new StringWriter();
        await DestinationReportCsv.WriteAsync(writer, new DestinationComparison(first, second, ReportDifferences.Between(first, second)), Schema, "en", default);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries); // CSV records end in CRLF (RFC 4180)

        Assert.Equal("kind,id,name,jointAction,asnen · 2026-11-25,'-kosta · 2026-11-25,difference", lines[0]); // no formula
        Assert.Equal("products,,Products,,2,1,-1", lines[1]);
        Assert.Contains("criterion,tour_net_rates,Commissionable net rates,,0.5,1,0.5", lines);
        Assert.Contains("criterion,all,All six criteria,,0.5,1,0.5", lines);
        Assert.Contains(lines, l => l.StartsWith("gap,tour_net_rates,", StringComparison.Ordinal) && l.EndsWith(",SharedTraining,0.5,0,-0.5", StringComparison.Ordinal));
        Assert.Equal(Schema.Dimensions.Count, lines.Count(l => l.StartsWith("dimension,", StringComparison.Ordinal)));
    }
}
