using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Assessments;

/// <summary><c>GET /api/products/{productId}</c> pages back through a long history, one bounded read per page.</summary>
public sealed class ProductHistoryPagingTests : ApplicationTests
{
    private AssessmentHandlers Handlers => App.Get<AssessmentHandlers>();

    private async Task<List<Assessment>> ReassessedAsync(int count)
    {
        var rows = ContractData.ScoredReassessed(Unique.Programme("paging"), count, "");
        await App.Storage.Assessments.AddManyAsync(rows, default);
        return rows;
    }

    private async Task<IResult> ReadAsync(string productId, string target)
    {
        var context = await App.Get(target).AsAdvisorAsync();
        return (await Handlers.Product(productId, context.Request, default)).Result;
    }

    [Fact]
    public async Task An_advisor_follows_next_through_a_long_history_and_sees_every_assessment_once_a_bounded_page_at_a_time()
    {
        var rows = await ReassessedAsync(2 * ProductHistoryWindow.Limit + 7);
        var product = rows[0].Id;

        var pages = new List<ProductView>();
        string? next = $"/api/products/{product}";
        while (next is not null)
        {
            Assert.True(pages.Count <= rows.Count, "The walk does not end.");
            var page = Assert.IsType<Ok<ProductView>>(await ReadAsync(product, next)).Value!;
            pages.Add(page);
            next = page.Next;
        }

        Assert.All(pages, p => Assert.InRange(p.Assessments.Count, 0, ProductHistoryWindow.Limit));
        Assert.All(pages, p => Assert.Equal(product, p.ProductId));
        Assert.True(pages[0].Capped);
        Assert.False(pages[^1].Capped);
        // Page one: the first and the latest; each next page the ones just before, each page oldest first.
        var walked = pages[0].Assessments.Take(1).Concat(pages.Skip(1).Reverse().SelectMany(p => p.Assessments)).Concat(pages[0].Assessments.Skip(1));
        Assert.Equal(rows.Select(a => a.Id), walked.Select(a => a.Id));
    }

    [Fact]
    public async Task A_short_history_is_one_page_without_next()
    {
        var rows = await ReassessedAsync(3);

        var page = Assert.IsType<Ok<ProductView>>(await ReadAsync(rows[0].Id, $"/api/products/{rows[0].Id}")).Value!;

        Assert.Equal(rows.Select(a => a.Id), page.Assessments.Select(a => a.Id));
        Assert.False(page.Capped);
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData("not-an-assessment")]
    [InlineData("")]
    [InlineData("other-product")]
    public async Task A_before_that_is_none_of_the_products_assessments_is_a_400_naming_before(string before)
    {
        var rows = await ReassessedAsync(3);
        var other = await ReassessedAsync(2);
        if (before == "other-product") before = other[1].Id;

        var result = await ReadAsync(rows[0].Id, $"/api/products/{rows[0].Id}?before={Uri.EscapeDataString(before)}");

        var (status, errors, _) = result.Problem();
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(AssessmentHandlers.BeforeField, errors.Keys);
    }
}
