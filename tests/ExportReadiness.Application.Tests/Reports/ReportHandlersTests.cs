using ExportReadiness.Application.Reports;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Reports;

public sealed class ReportHandlersTests : ApplicationTests
{
    /// <summary>An assessment stored as scoring and reviewing leave it: a known score, so the report's figures are known.</summary>
    private async Task AddAsync(string programme, string sector, int? score, Verdict? verdict = null)
    {
        var assessment = AssessmentBuilder.Mixed().InProgramme(programme).InSector(sector).ToAssessment(submittedAt: App.Clock.GetUtcNow());
        await App.Storage.Assessments.AddAsync(assessment with
        {
            Status = score is null ? AssessmentStatus.Pending : AssessmentStatus.Scored,
            Result = score is { } s ? ContractData.Result(s, ApplicationUnderTest.ModelVersion) : null,
            Review = verdict is { } v ? new Review(assessment.Id, v, "", ApplicationUnderTest.AdvisorName, App.Clock.GetUtcNow()) : null,
        }, default);
    }

    private async Task<PortfolioReport> PortfolioAsync(string query)
    {
        var context = await App.Get($"/api/reports/portfolio?{query}").AsAdvisorAsync();
        return Assert.IsType<Ok<PortfolioReport>>((await App.Get<ReportHandlers>().Portfolio(context.Request, default)).Result).Value!;
    }

    [Fact]
    public async Task The_portfolio_of_a_programme_counts_its_funnel_levels_scores_sectors_and_the_advisors_agreement()
    {
        await AddAsync("umea", "mining", 85, Verdict.ExportReady);
        await AddAsync("umea", "mining", 65, Verdict.NotYet);
        await AddAsync("umea", "tourism", 45);
        await AddAsync("umea", "tourism", 20);
        await AddAsync("umea", "tourism", null);
        await AddAsync("lulea", "mining", 90, Verdict.ExportReady);

        var report = await PortfolioAsync("programme=umea");

        Assert.Equal(new Core.Reports.Funnel(5, 4, 2, 1), report.Funnel);
        Assert.Equal([1, 1, 1, 1], report.Levels.OrderBy(l => l.Level).Select(l => l.Count));
        Assert.Equal([0, 0, 1, 0, 1, 0, 1, 0, 1, 0], report.ScoreDistribution);
        Assert.Equal(
            [new Breakdown("tourism", 3, 2, 32.5, 0, 0), new Breakdown("mining", 2, 2, 75.0, 2, 1)],
            report.BySector);
        Assert.Equal(new Agreement(2, 1, 0, 1, 0), report.Agreement);
        Assert.Equal((5, 0), (report.Progress.Products, report.Progress.Reassessed));
        Assert.Equal(5, report.Stages!.Total.Products);
    }

    [Fact]
    public async Task The_portfolio_filters_combine_and_an_invalid_one_is_a_problem()
    {
        await AddAsync("umea", "mining", 85, Verdict.ExportReady);
        await AddAsync("umea", "mining", 30);
        await AddAsync("umea", "tourism", 85);

        var report = await PortfolioAsync("programme=umea&sector=mining&level=ExportReady");
        var context = await App.Get("/api/reports/portfolio?verdict=Perhaps").AsAdvisorAsync();
        var problem = (await App.Get<ReportHandlers>().Portfolio(context.Request, default)).Result.Problem();

        Assert.Equal(new Core.Reports.Funnel(1, 1, 1, 1), report.Funnel);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["verdict"], problem.Errors.Keys);
    }
}
