using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// The destination report in Chromium: from the dashboard to one programme's report, then two programmes side by side
/// against VisitSweden's criteria, and its printed form. A part of <see cref="BrowserTests"/>, sharing its browser and pages.
/// </summary>
public partial class BrowserTests
{
    [Fact]
    public async Task An_advisor_compares_two_programmes_against_visitswedens_criteria_on_the_destination_report_and_prints_it()
    {
        var (a, b) = (DestinationData.NewProgramme("a"), DestinationData.NewProgramme("b"));
        await DestinationData.SeedAsync(pipeline.App.CreateClient(), a, b);
        var page = await NewPageAsync();
        await page.GotoAsync($"/advisor?lang=en&programme={a}");
        await page.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();
        await page.GotoAsync($"/advisor?lang=en&programme={a}");

        // The dashboard links to the report of the programme it shows.
        await page.ClickAsync("#destination-report");
        await Assertions.Expect(page.Locator("#destination-title")).ToContainTextAsync(a);
        await Assertions.Expect(page.Locator("#group-products td.count")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("#criteria-table tr[data-criterion='tour_bookable_packages'] td.share")).ToHaveTextAsync("50 % (2/4)");
        await Assertions.Expect(page.Locator("#criteria-table tr[data-criterion='all'] td.share")).ToHaveTextAsync("25 % (1/4)");

        // A second programme beside it, from the form.
        await page.FillAsync("#destination-filters input[name=compareProgramme]", b);
        await page.ClickAsync("#destination-filters button[type=submit]");
        await Assertions.Expect(page.Locator("#destination-title")).ToContainTextAsync($"compared with {b}");
        await Assertions.Expect(page.Locator("#comparison-products td.count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#criteria-table tr[data-criterion]")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("#criteria-table tr[data-criterion='tour_market_language'] td.difference")).ToHaveTextAsync("+75");
        await Assertions.Expect(page.Locator("#criteria-table tr[data-criterion='tour_prices_ahead'] td.difference")).ToHaveTextAsync("±0");
        await Assertions.Expect(page.Locator("#criteria svg.chart.change g.change-row")).ToHaveCountAsync(7);
        var firstGap = page.Locator("#gaps-table tr[data-gap]").First;
        Assert.Equal("tour_market_language", await firstGap.GetAttributeAsync("data-gap"));
        await Assertions.Expect(firstGap.Locator("td.joint-action")).ToContainTextAsync("Shared training");
        await Assertions.Expect(page.Locator("#gaps-table tr[data-gap='tour_bookable_packages'] td.joint-action")).ToContainTextAsync("Shared booking channel");
        await Assertions.Expect(page.Locator("#dimensions-table tr[data-dimension]")).ToHaveCountAsync(12);
        Assert.Contains($"compareProgramme={b}", await page.GetAttributeAsync("#destination-csv", "href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-destination-report"), FullPage = true });

        // Printed: the filters, buttons and site header go; the tables and charts stay, on A4.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("#destination-filters").IsVisibleAsync());
        Assert.False(await page.Locator("header.site").IsVisibleAsync());
        Assert.True(await page.Locator("#criteria svg.chart").IsVisibleAsync());
        var pdf = PrintedPdf.Read(await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("advisor-destination-report.pdf"), PreferCSSPageSize = true, PrintBackground = true }));
        Assert.InRange(pdf.PageCount, 1, 3); // two groups side by side: criteria, shared gaps, dimensions on at most three A4 sheets
        pdf.AssertEveryPageIsA4();
    }
}
