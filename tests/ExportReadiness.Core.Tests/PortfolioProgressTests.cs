using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

/// <summary>The portfolio report's products-over-time figures: first against latest scored assessment of each product.</summary>
public class PortfolioProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly Submission Answers = AssessmentBuilder.Mixed().ToSubmission();

    private static Assessment Scored(string id, string product, int daysIn, int score, AssessmentStatus status = AssessmentStatus.Scored) => new()
    {
        Id = id, ProductId = product, Programme = "default", SchemaVersion = 1, Company = Answers.Company, Product = Answers.Product,
        Answers = Answers.Answers, SubmittedAt = Start.AddDays(daysIn), AccessTokenHash = "", Status = status,
        Result = status == AssessmentStatus.Scored ? new ScoringResult(score, ReadinessLevel.Emerging, score / 100.0, [], [], "v1", Start) : null,
    };

    private static async Task<ProductProgress> ProgressOf(params Assessment[] assessments) =>
        (await PortfolioReport.BuildAsync(new AssessmentQuery(), assessments.ToAsyncEnumerable(), CancellationToken.None)).Progress;

    [Fact]
    public async Task A_product_scored_three_times_counts_its_change_from_first_to_latest_whatever_order_the_rows_come_in()
    {
        // Rows come in the store's order (by id), not by date: the latest here is read first.
        var progress = await ProgressOf(Scored("c", "p1", 60, 71), Scored("a", "p1", 0, 40), Scored("b", "p1", 30, 90));
        Assert.Equal(1, progress.Products);
        Assert.Equal(1, progress.Reassessed);
        Assert.Equal(1, progress.Improved);
        Assert.Equal(31, progress.AverageChange);
    }

    [Fact]
    public async Task Products_assessed_once_or_never_scored_twice_count_as_products_but_not_as_reassessed()
    {
        var progress = await ProgressOf(
            Scored("a1", "once", 0, 50),
            Scored("b1", "failed-later", 0, 60), Scored("b2", "failed-later", 10, 0, AssessmentStatus.Failed),
            Scored("c1", "down", 0, 70), Scored("c2", "down", 10, 60),
            Scored("d1", "same", 0, 55), Scored("d2", "same", 10, 55));
        Assert.Equal(4, progress.Products);
        Assert.Equal(2, progress.Reassessed);
        Assert.Equal((0, 1, 1), (progress.Improved, progress.Unchanged, progress.Declined));
        Assert.Equal(-5, progress.AverageChange);
    }

    [Fact]
    public async Task With_no_reassessed_product_there_is_no_average_change()
    {
        var progress = await ProgressOf(Scored("a1", "once", 0, 50));
        Assert.Null(progress.AverageChange);
        Assert.Equal(0, progress.Reassessed);
    }
}
