using System.Text.Json;
using ExportReadiness.Application.Reports;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reports;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;

namespace ExportReadiness.LocalHost.Tests.Reports;

/// <summary>
/// The destination report as of an earlier day, read from the days the nightly reconcile keeps: the same report a scan
/// of the rows builds, for every day, for a programme and for one sector of it, until a still-Pending assessment's day,
/// and again (by a scan) after an erasure, until a reconcile that began after it.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class DatedDestinationTests(PipelineFixture pipeline)
{
    private IServiceProvider Services => pipeline.App.Services;
    private IAssessmentStore Store => Services.GetRequiredService<IAssessmentStore>();
    private static readonly DateOnly Monday = DateOnly.FromDateTime(ContractData.Monday.UtcDateTime);

    [Fact]
    public async Task Reports_of_earlier_days_from_the_kept_days_equal_a_scan_of_the_rows_for_each_day_until_a_pending_assessments_day()
    {
        var programme = Unique.Programme("dated");
        // 40 products over eight days, every other one in tourism; 15 re-assessed (top answers) three days later, 5 of those
        // again (lowest answers) two days after that; one more re-assessment, on day 9, still Pending.
        var firsts = ContractData.Assessments(programme, 40).Select((a, i) => a with
        {
            SubmittedAt = ContractData.Monday.AddDays(i % 8).AddMinutes(i),
            Company = i % 2 == 0 ? a.Company with { Sector = "tourism" } : a.Company,
        }).ToList();
        var strong = AssessmentBuilder.Strong().ToSubmission().Answers;
        var weak = AssessmentBuilder.Weak().ToSubmission().Answers;
        var again = ReassessmentsOf(programme, firsts.Take(15).ToList(), 3, strong);
        var third = ReassessmentsOf(programme, again.Take(5).ToList(), 2, weak);
        var pending = ReassessmentsOf(programme, [firsts[20]], 0, strong).Select(a => a with { SubmittedAt = ContractData.Monday.AddDays(9) }).ToList();
        await Store.AddManyAsync([.. firsts, .. again, .. third, .. pending], default);
        var read = new List<Assessment>();
        await foreach (var a in Store.ScanAsync(new AssessmentQuery(programme), default)) if (a.Id != pending[0].Id) read.Add(a);
        Assert.Equal(60, (await Store.ReplaceManyAsync(read.Select((a, i) => a with { Status = AssessmentStatus.Scored, Result = ContractData.Result(20 + i, "m") }).ToList(), default)).Count);

        Assert.NotNull(await Services.GetRequiredService<ReportReconciler>().RunAsync(default));

        for (var day = Monday.AddDays(-1); day <= Monday.AddDays(12); day = day.AddDays(1))
        {
            // Kept up to the Pending assessment's day: scored later, it would change that day and every one after.
            var kept = await Store.DestinationAsOfAsync(programme, day, default);
            Assert.Equal((day, day < Monday.AddDays(9)), (day, kept is not null));
            foreach (var group in new[] { new DestinationGroup(programme, null, null, day), new DestinationGroup(programme, "tourism", null, day) })
                Assert.Equal(await ScannedAsync(group), await ReportedAsync(group));
        }

        // An erasure: the kept days still count the product, so earlier days are scanned again (until the next reconcile).
        await Services.GetRequiredService<IProductErasure>().EraseAsync(firsts[2].Id, ErasureRequest.BySme, default);
        var afterErasure = new DestinationGroup(programme, null, null, Monday.AddDays(6));
        Assert.Null(await Store.DestinationAsOfAsync(programme, afterErasure.AsOf, default));
        Assert.Equal(await ScannedAsync(afterErasure), await ReportedAsync(afterErasure));
        Assert.NotNull(await Services.GetRequiredService<ReportReconciler>().RunAsync(default));
        Assert.NotNull(await Store.DestinationAsOfAsync(programme, afterErasure.AsOf, default));
        Assert.Equal(await ScannedAsync(afterErasure), await ReportedAsync(afterErasure));

        // A reconcile whose scan began before an erasure may have counted the erased product: its days stay unread.
        var scanBegan = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Services.GetRequiredService<IProductErasure>().EraseAsync(firsts[3].Id, ErasureRequest.BySme, default);
        await Store.ReplaceDatedDestinationsAsync(new DatedDestinations(programme, [], Monday.AddDays(9), scanBegan), default);
        Assert.Null(await Store.DestinationAsOfAsync(programme, afterErasure.AsOf, default));
    }

    private static List<Assessment> ReassessmentsOf(string programme, List<Assessment> earlier, int days, IReadOnlyDictionary<string, Answer> answers) =>
        ContractData.Assessments(programme, earlier.Count).Select((a, i) => a with
        {
            ProductId = earlier[i].ProductId, PreviousAssessmentId = earlier[i].Id, Company = earlier[i].Company,
            SubmittedAt = earlier[i].SubmittedAt.AddDays(days), Answers = answers,
        }).ToList();

    private async Task<string> ScannedAsync(DestinationGroup group) =>
        JsonSerializer.Serialize(await DestinationReport.BuildAsync(group, Store.ScanAsync(group.Query, default), QuestionnaireSchema.V1, default));

    private async Task<string> ReportedAsync(DestinationGroup group) =>
        JsonSerializer.Serialize((await Services.GetRequiredService<DestinationReportHandlers>().BuildAsync(group, null, default)).Group);
}
