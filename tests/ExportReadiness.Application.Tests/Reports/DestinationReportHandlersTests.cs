using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Reports;
using ExportReadiness.Core.Reports;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Reports;

public sealed class DestinationReportHandlersTests : ApplicationTests
{
    private async Task<DestinationComparison> ReportAsync(string query)
    {
        var context = await App.Get($"/api/reports/destination?{query}").AsAdvisorAsync();
        return Assert.IsType<Ok<DestinationComparison>>((await App.Get<DestinationReportHandlers>().Report(context.Request, default)).Result).Value!;
    }

    /// <summary>
    /// Åsnen's products on the first day: a tourism product meeting every criterion, one without net rates and a
    /// sustainability label, one meeting none, and a sawmill the criteria do not apply to; and one tourism product elsewhere.
    /// Returns the weak product's assessment and its token.
    /// </summary>
    private async Task<(string Id, string Token)> FirstDayAsync()
    {
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme("asnen").Named("Allt Klart AB"));
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme("asnen").Named("Nästan AB").WithGapsIn("tour_net_rates", "tour_sustainability_label"));
        var weak = await App.SubmitAsync(AssessmentBuilder.Weak().InSector("tourism").InProgramme("asnen").Named("Början AB"));
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("manufacturing").InProgramme("asnen").Named("Sågverket AB"));
        await App.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme("other").Named("Annanstans AB"));
        await App.ScoreWaitingAsync();
        return weak;
    }

    private static CriterionShare Criterion(DestinationReport report, string id) => report.Criteria.Single(c => c.Id == id);

    [Fact]
    public async Task A_programme_is_measured_against_each_criterion_of_the_products_itApplies_to_and_its_shared_gaps()
    {
        await FirstDayAsync();

        var report = (await ReportAsync("programme=asnen")).Group;

        Assert.Equal(4, report.Products);
        Assert.Equal((2, 3, 1, 0.667), (Criterion(report, "tour_bookable_packages").Met, Criterion(report, "tour_bookable_packages").Answered,
            Criterion(report, "tour_bookable_packages").NotApplicable, Criterion(report, "tour_bookable_packages").Share!.Value));
        Assert.Equal((1, 3), (Criterion(report, "tour_net_rates").Met, Criterion(report, "tour_net_rates").Answered));
        Assert.Equal((1, 3, 1), (report.AllCriteria.Met, report.AllCriteria.Answered, report.AllCriteria.NotApplicable));
        // Two products short of net rates and a label; every other gap is the weak product's alone.
        Assert.Equal([("tour_net_rates", 2, 0.5), ("tour_sustainability_label", 2, 0.5)],
            report.SharedGaps.Take(2).Select(g => (g.QuestionId, g.Products, g.Share)));
        Assert.Equal(1, report.SharedGaps[2].Products);
    }

    [Fact]
    public async Task A_reassessment_moves_its_product_so_two_dates_of_one_destination_show_its_progress()
    {
        var weak = await FirstDayAsync();
        var firstDay = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromDays(40));
        var reassessment = AssessmentBuilder.Strong().InSector("tourism").InProgramme("asnen").Named("Början AB").ToJson();
        reassessment[AssessmentHandlers.PreviousAssessmentField] = weak.Id;
        var context = App.Request(HttpMethods.Post, "/api/assessments", reassessment.ToJsonString()).WithToken(weak.Token);
        Assert.IsType<Accepted<SubmissionAccepted>>((await App.Get<AssessmentHandlers>().Submit(context.Request, default)).Result);
        await App.ScoreWaitingAsync();

        var comparison = await ReportAsync($"programme=asnen&asOf={firstDay:yyyy-MM-dd}&compareAsOf={App.Clock.GetUtcNow():yyyy-MM-dd}");

        Assert.Equal((4, 4), (comparison.Group.Products, comparison.Comparison!.Products));
        Assert.Equal((2, 3), (Criterion(comparison.Group, "tour_bookable_packages").Met, Criterion(comparison.Comparison, "tour_bookable_packages").Met));
        Assert.Equal((1, 2), (comparison.Group.AllCriteria.Met, comparison.Comparison.AllCriteria.Met));
    }

    [Fact]
    public async Task A_date_before_anything_was_submitted_has_no_products_and_a_malformed_date_is_a_problem()
    {
        await FirstDayAsync();

        var before = (await ReportAsync("programme=asnen&asOf=2026-01-01")).Group;
        var context = await App.Get("/api/reports/destination?asOf=25/11/2026").AsAdvisorAsync();
        var problem = (await App.Get<DestinationReportHandlers>().Report(context.Request, default)).Result.Problem();

        Assert.Equal(0, before.Products);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["asOf"], problem.Errors.Keys);
    }
}
