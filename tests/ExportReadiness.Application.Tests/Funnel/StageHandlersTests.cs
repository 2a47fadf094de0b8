using ExportReadiness.Application.Funnel;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Funnel;

public sealed class StageHandlersTests : ApplicationTests
{
    private StageHandlers Handlers => App.Get<StageHandlers>();

    /// <summary>A product assessed on the first day of the test (its intake), stored as a web submission leaves it.</summary>
    private async Task<string> ProductAsync(string programme = "umea")
    {
        var first = AssessmentBuilder.Mixed().InProgramme(programme).ToAssessment(submittedAt: ApplicationUnderTest.Start);
        await App.Storage.Assessments.AddAsync(first, default);
        return first.Id;
    }

    private async Task<IResult> MoveAsync(string productId, string stage, string date, string note = "")
    {
        var context = await App.Post($"/api/products/{productId}/stages", new { stage, date, note }).AsAdvisorAsync();
        return (await Handlers.Move(productId, context, default)).Result;
    }

    private async Task<FunnelReport> ReportAsync(string query)
    {
        var context = await App.Get($"/api/reports/funnel?{query}").AsAdvisorAsync();
        return Assert.IsType<Ok<FunnelReport>>((await Handlers.Report(context.Request, default)).Result).Value!;
    }

    [Fact]
    public async Task A_move_is_recorded_in_the_signed_in_advisors_name_and_a_retry_records_nothing_twice()
    {
        var product = await ProductAsync();
        App.Clock.Advance(TimeSpan.FromDays(3));

        var created = Assert.IsType<Created<ProductStageView>>(await MoveAsync(product, "selected", "2026-11-27", "Bra produkt"));
        var retried = Assert.IsType<Ok<ProductStageView>>(await MoveAsync(product, "selected", "2026-11-27", "Igen"));

        Assert.Equal($"/api/products/{product}", created.Location);
        Assert.Equal(("selected", new DateOnly(2026, 11, 27), 2026), (created.Value!.CurrentStage, created.Value.CurrentSince, created.Value.Cohort));
        Assert.Equal(
            [("screened", (string?)null, (string?)null), ("selected", "Bra produkt", ApplicationUnderTest.AdvisorName)],
            retried.Value!.History.Select(e => (e.Stage, e.Note, e.Advisor)));
        var stored = Assert.Single(await App.Storage.StageMoves.ForProductAsync(product, default));
        Assert.Equal(("Bra produkt", App.Clock.GetUtcNow()), (stored.Note, stored.RecordedAt));
    }

    [Fact]
    public async Task A_move_is_keyed_on_stage_and_date_so_another_stage_or_date_is_a_move_of_its_own()
    {
        var product = await ProductAsync();
        App.Clock.Advance(TimeSpan.FromDays(30));

        foreach (var (stage, date) in new[] { ("selected", "2026-12-01"), ("in-development", "2026-12-01"), ("selected", "2026-12-10") })
        {
            // Recorded a minute apart: moves of one day are ordered by when they were recorded.
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.IsType<Created<ProductStageView>>(await MoveAsync(product, stage, date));
        }

        Assert.Equal(["selected", "in-development", "selected"], (await App.Storage.StageMoves.ForProductAsync(product, default)).Select(m => m.Stage));
    }

    [Fact]
    public async Task A_move_to_no_configured_stage_or_to_a_day_not_yet_begun_anywhere_is_refused_naming_the_field()
    {
        var product = await ProductAsync();
        var tomorrowEverywhere = App.Get<FunnelReader>().LatestMoveDate.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var problem = (await MoveAsync(product, "launched", tomorrowEverywhere)).Problem();
        var unknown = (await MoveAsync("0000000000000000", "selected", "2026-11-25")).Problem();

        Assert.Equal(400, problem.Status);
        Assert.Equal(["date", "stage"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(404, unknown.Status);
        Assert.Empty(await App.Storage.StageMoves.ForProductAsync(product, default));
    }

    [Fact]
    public async Task The_funnel_report_counts_each_stage_reached_its_conversion_and_the_days_of_finished_stays()
    {
        var (first, second, _) = (await ProductAsync(), await ProductAsync(), await ProductAsync());
        await ProductAsync("lulea");
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero));
        await MoveAsync(first, "selected", "2026-12-01");
        await MoveAsync(first, "in-development", "2026-12-11");
        await MoveAsync(second, "selected", "2026-12-05");

        var report = await ReportAsync("programme=umea");

        Assert.Equal([("umea", (int?)2026, 3), (null, 2026, 3)], report.Rows.Select(r => (r.Programme, r.Cohort, r.Products)));
        Assert.Equal(3, report.Total.Products);
        Assert.Equal(
            [("screened", 3, null, 8.0, 8.0), ("selected", 2, 0.67, 10.0, 10.0), ("in-development", 1, 0.5, null, null), ("export-ready", 0, 0.0, null, null), ("exporting", 0, null, null, null)],
            report.Total.Stages.Select(s => (s.Stage, s.Reached, s.Conversion, s.MedianDays, s.MeanDays)));
        Assert.Equal("3 → 2 → 1 → 0 → 0", report.Total.Chain);
        Assert.Equal(0, (await ReportAsync("programme=umea&cohort=2025")).Total.Products);
    }
}
