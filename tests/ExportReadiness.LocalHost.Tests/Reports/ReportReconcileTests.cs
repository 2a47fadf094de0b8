using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using ExportReadiness.Application.Funnel;
using ExportReadiness.Application.Reports;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.LocalHost.Tests.Reports;

/// <summary>
/// The nightly reconcile puts kept tallies that went wrong back to what the rows say, and the portfolio report (which
/// reads the tallies) then equals a scan of the rows again.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ReportReconcileTests(PipelineFixture pipeline)
{
    private IServiceProvider Services => pipeline.App.Services;
    private IAssessmentStore Store => Services.GetRequiredService<IAssessmentStore>();

    [Fact]
    public async Task The_reconcile_repairs_tallies_and_product_figures_that_differ_from_the_rows_and_then_finds_nothing_to_repair()
    {
        var programme = Unique.Programme("reconcile");
        var rows = ContractData.Assessments(programme, 60);
        await Store.AddManyAsync(rows, default);
        var reassessment = ContractData.Assessments(programme, 1)[0] with { ProductId = rows[0].Id, PreviousAssessmentId = rows[0].Id, SubmittedAt = rows[0].SubmittedAt.AddDays(40) };
        await Store.AddAsync(reassessment, default);
        var read = new List<Assessment>();
        await foreach (var a in Store.ScanAsync(new AssessmentQuery(programme), default)) read.Add(a);
        await Store.ReplaceManyAsync(read.Select((a, i) => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(30 + i, "m") }).ToList(), default);
        var scan = await ScanReportAsync(programme);
        Assert.Equal(Json(scan), Json(await TalliedReportAsync(programme)));

        // Tallies gone wrong (doubled), and a product's kept figures too (as if its re-assessment were counted twice).
        var snapshot = await Store.TallySnapshotAsync(programme, default);
        Assert.True(await Store.ReplaceTalliesAsync(snapshot, [.. snapshot.Cells, .. snapshot.Cells], default));
        var table = new TableClient(pipeline.Azurite.ConnectionString, StorageNames.AssessmentsTable);
        var first = (await Store.FindAsync(rows[0].Id, default))!;
        await table.UpdateEntityAsync(new TableEntity(programme, first.Id)
        {
            ["ProductFigures"] = JsonSerializer.Serialize(first.ProductFigures! with { ScoredCount = 3, FirstScore = 1 }, Core.Questionnaire.QuestionnaireSchema.JsonOptions),
        }, Azure.ETag.All, TableUpdateMode.Merge);
        Assert.NotEqual(Json(scan), Json(await TalliedReportAsync(programme)));

        var report = await Services.GetRequiredService<ReportReconciler>().RunAsync(default);

        Assert.NotNull(report);
        Assert.Contains(programme, report.TalliesRepaired);
        Assert.True(report.ProductsRepaired >= 1);
        Assert.Equal(Json(scan), Json(await TalliedReportAsync(programme)));
        var again = await Services.GetRequiredService<ReportReconciler>().RunAsync(default);
        Assert.DoesNotContain(programme, again!.TalliesRepaired);
        Assert.Equal(Json(scan), Json(await TalliedReportAsync(programme)));

        // What the advisor's API answers is the tallied report.
        var advisor = pipeline.App.CreateAdvisorClient();
        var api = await advisor.GetFromJsonAsync<JsonElement>($"/api/reports/portfolio?programme={programme}");
        Assert.Equal(scan.Funnel.Scored, api.GetProperty("funnel").GetProperty("scored").GetInt32());
        Assert.Equal(scan.Progress.Reassessed, api.GetProperty("progress").GetProperty("reassessed").GetInt32());
    }

    private async Task<PortfolioReport> ScanReportAsync(string programme)
    {
        var query = new AssessmentQuery(programme);
        return await PortfolioReport.BuildAsync(query, Store.ScanAsync(query, default), default);
    }

    private async Task<PortfolioReport> TalliedReportAsync(string programme) =>
        await Services.GetRequiredService<FunnelReader>().PortfolioAsync(new AssessmentQuery(programme), default) with { Stages = null };

    private static string Json(PortfolioReport report) => JsonSerializer.Serialize(report with { Stages = null });
}
