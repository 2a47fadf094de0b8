using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// The support programmes on the pages, in Chromium: the SME's result and printed report, the advisor's cohort report.
/// A part of <see cref="BrowserTests"/>, sharing its browser and pages.
/// </summary>
public partial class BrowserTests
{
    [Fact]
    public async Task The_sme_result_page_and_its_printed_report_list_the_best_matching_programmes_with_why_and_the_source()
    {
        var sme = pipeline.App.CreateClient();
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("browser-prog")).InSector("food").InRegion("SE-H").Named("Kalmar Rökeri AB"));
        await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        var page = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        // A Swedish reader: without ?lang= the pages follow the browser's Accept-Language (Chromium's is English).
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "sv-SE,sv;q=0.9" });

        await page.OpenResultAsync(accepted.Id, accepted.AccessToken);

        var programmes = page.Locator("#programme-list > li.programme");
        await Assertions.Expect(page.Locator("#programmes h2")).ToContainTextAsync("Stöd som passar era gap");
        Assert.InRange(await programmes.CountAsync(), 1, 5);
        foreach (var programme in await programmes.AllAsync())
        {
            Assert.Contains("noopener", await programme.Locator("h3 a").GetAttributeAsync("rel"));
            Assert.StartsWith("http", await programme.Locator("h3 a").GetAttributeAsync("href"));
            Assert.True(await programme.Locator("ul.reasons li").CountAsync() > 0);
            await Assertions.Expect(programme.Locator(".source")).ToContainTextAsync("läst 2026-");
            Assert.Contains("noopener", await programme.Locator(".source a").First.GetAttributeAsync("rel"));
        }
        Assert.True(await page.Locator("#programme-list li[data-reason=gap]").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result-programmes"), FullPage = true });

        await page.ClickAsync("a.lang:has-text('English')");
        await Assertions.Expect(page.Locator("#programmes h2")).ToContainTextAsync("Support that fits your gaps");
        await Assertions.Expect(programmes.First.Locator(".source")).ToContainTextAsync("read 2026-");

        // The printed report keeps the programmes, their reasons and sources.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.Locator("#programmes").IsVisibleAsync());
        Assert.True(await programmes.First.Locator(".source").IsVisibleAsync());
        var pdf = PrintedPdf.Read(await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("sme-result-programmes.pdf"), PreferCSSPageSize = true, PrintBackground = true }));
        Assert.InRange(pdf.PageCount, 1, 3);
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task The_advisor_report_shows_which_programmes_the_cohorts_gaps_call_for_most()
    {
        var sme = pipeline.App.CreateClient();
        var programme = Unique.Programme("browser-demand");
        string[] regions = ["SE-H", "SE-G", "SE-F"];
        var submitted = new List<SubmissionAccepted>();
        foreach (var (region, i) in regions.Select((r, i) => (r, i)))
            submitted.Add(await sme.SubmitAsync((i % 2 == 0 ? AssessmentBuilder.Mixed() : AssessmentBuilder.Weak()).InProgramme(programme).InSector("tourism").InRegion(region).Named($"Småland Turism {i} AB")));
        foreach (var accepted in submitted) await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        var page = await NewPageAsync();
        await page.GotoAsync($"/advisor?lang=en&programme={programme}");
        await page.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();
        await page.GotoAsync($"/advisor?lang=en&programme={programme}");

        var demand = page.Locator("#programme-demand");
        await Assertions.Expect(demand.Locator("h2")).ToContainTextAsync("Programmes the cohort's gaps call for");
        await Assertions.Expect(page.Locator("#programme-demand-basis")).ToContainTextAsync("3 scored products");
        var rows = demand.Locator("#programme-demand-table tr[data-programme-id]");
        Assert.True(await rows.CountAsync() > 0);
        // Most called-for first; every count is out of the three products.
        var counts = new List<int>();
        foreach (var row in await rows.AllAsync()) counts.Add(int.Parse(await row.Locator("td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.All(counts, c => Assert.InRange(c, 1, 3));
        Assert.True(await demand.Locator("svg.chart rect.bar").CountAsync() > 0);
        Assert.Contains("noopener", await rows.First.Locator("a").GetAttributeAsync("rel"));
        await demand.ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-programme-demand") });
    }
}
