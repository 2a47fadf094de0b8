using System.Globalization;
using System.Text.RegularExpressions;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

[Collection(BrowserCollection.Name)]
public partial class BrowserTests(PipelineFixture pipeline, BrowserFixture browser) : IAsyncLifetime
{
    private string BaseUrl => pipeline.App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private Task<IPage> NewPageAsync() => browser.NewPageAsync(BaseUrl);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An advisor's stage move on a product's page, dated <paramref name="day"/> rather than the today the form proposes.</summary>
    private static async Task MoveStageAsync(IPage page, string stage, string day, string note)
    {
        await page.SelectOptionAsync("#stage-form select[name=stage]", stage);
        await page.FillAsync("#stage-form input[name=date]", day);
        await page.FillAsync("#stage-form textarea[name=note]", note);
        await page.ClickAsync("#stage-form button[type=submit]");
    }

    /// <summary>A new visitor opens an advisor page, is asked to sign in, signs in with a key (landing on the dashboard), and opens the page again.</summary>
    private async Task<IPage> SignedInAdvisorPageAsync(string path)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await page.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync(); // signed in, on the dashboard
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>The form's company fields, as a person types and picks them.</summary>
    private static async Task FillCompanyAsync(IPage page, string name, string sector, string region,
        string employees, string turnoverSek, string yearFounded, string exportSharePercent)
    {
        await page.FillAsync("[name='company.name']", name);
        await page.SelectOptionAsync("[name='company.sector']", sector);
        await page.FillAsync("[name='company.employees']", employees);
        await page.FillAsync("[name='company.turnoverSek']", turnoverSek);
        await page.FillAsync("[name='company.yearFounded']", yearFounded);
        await page.SelectOptionAsync("[name='company.region']", region);
        await page.FillAsync("[name='company.exportSharePercent']", exportSharePercent);
    }

    [Fact]
    public async Task An_sme_fills_the_form_sees_a_validation_message_submits_and_reads_its_result()
    {
        var page = await NewPageAsync();
        // A browser set to Swedish (Chromium's own default asks for English, which the page would now follow).
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "sv-SE,sv;q=0.9,en;q=0.5" });
        await page.GotoAsync("/");
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));

        await FillCompanyAsync(page, "Piteå Glas & Form AB", "manufacturing", "SE-BD", employees: "12", turnoverSek: "9500000", yearFounded: "2009", exportSharePercent: "5");
        // Every visible question: the middle option, "yes", or a mid-range number; the product name is forgotten.
        foreach (var question in await page.Locator(".question:visible").AllAsync())
        {
            var radios = question.Locator("input[type=radio]");
            var count = await radios.CountAsync();
            if (count > 0) await radios.Nth(count / 2).CheckAsync();
            else await question.Locator("input[type=number]").FillAsync("10");
        }
        Assert.Matches(new Regex(@"^\d+ / \d+"), await page.TextContentAsync("#progress-text"));

        await page.ClickAsync("button[type=submit]");
        var error = page.Locator("[data-field='product.name'] small.error");
        await Assertions.Expect(error).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        // The first field to fix has the focus, is marked invalid, and its message describes it.
        var productName = page.Locator("[name='product.name']");
        await Assertions.Expect(productName).ToBeFocusedAsync();
        await Assertions.Expect(productName).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(await error.GetAttributeAsync("id"), await productName.GetAttributeAsync("aria-describedby"));

        await page.FillAsync("[name='product.name']", "Handblåst karaff");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/result/"));
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(12, await page.Locator("#dimensions svg.chart rect.bar").CountAsync());
        Assert.Equal(3, await page.Locator("#gaps li").CountAsync());
        // Why the score is what it is: what lifts it and what holds it down, area by area, from the model.
        await Assertions.Expect(page.Locator("#explanation h2")).ToContainTextAsync("Varför");
        Assert.Equal(12, await page.Locator("#explanation svg.chart text.value").CountAsync());
        Assert.True(await page.Locator("#explanation svg.chart rect.bar.lift").CountAsync() > 1);
        await Assertions.Expect(page.Locator("#report-lead")).ToContainTextAsync("Norrbotten");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result"), FullPage = true });

        // The language switch keeps the private token: the English page is the same result.
        await page.ClickAsync("a.lang:has-text('English')");
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("#explanation h2")).ToContainTextAsync("Why");
        await Assertions.Expect(page.Locator("#explanation svg.chart")).ToHaveAttributeAsync("aria-label", "What lifts the score and what holds it down");
        await page.Locator("#explanation").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result-explanation-en") });

        // The printable layout hides the site header and buttons, and "save as PDF" gives A4 pages.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("header.site").IsVisibleAsync());
        Assert.Equal(0, await page.Locator(".no-print button:visible").CountAsync()); // the print button, the action-plan forms
        var pdf = PrintedPdf.Read(await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("sme-result.pdf"), PreferCSSPageSize = true, PrintBackground = true }));
        Assert.InRange(pdf.PageCount, 1, 3); // score, areas, why the score, what to do next, the matching programmes: at most three A4 sheets
        pdf.AssertEveryPageIsA4();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.GotoAsync("/");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-form"), FullPage = false });
    }

    [Fact]
    public async Task An_advisor_signs_in_filters_by_sector_opens_an_assessment_and_records_a_review()
    {
        var sme = pipeline.App.CreateClient();
        var programme = Unique.Programme("browser");
        var mining = await sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme).InSector("mining").Named("<script>alert('x')</script> Gruv AB"));
        var tourism = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).InSector("tourism").Named("Fjällstugor i Åre AB"));
        await sme.WaitForStatusAsync(mining.Id, mining.AccessToken);
        await sme.WaitForStatusAsync(tourism.Id, tourism.AccessToken);

        var page = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        var signIn = await page.GotoAsync($"/advisor?lang=en&programme={programme}");
        Assert.Equal(401, signIn!.Status);
        await page.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();

        await page.FillAsync("input[name=programme]", programme);
        await page.SelectOptionAsync("select[name=sector]", "mining");
        await page.ClickAsync(".filters button[type=submit]");
        var rows = page.Locator("#assessments tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("<script>alert('x')</script> Gruv AB");
        Assert.Equal(1, await page.Locator("#by-sector svg.chart rect.bar").CountAsync());
        Assert.Equal(1, await page.Locator("#by-region svg.chart rect.bar").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-dashboard"), FullPage = true });

        await rows.First.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#company-name")).ToContainTextAsync("Gruv AB");
        await Assertions.Expect(page.Locator("table.facts")).ToContainTextAsync("Mining and minerals");
        await Assertions.Expect(page.Locator("#explanation h2")).ToContainTextAsync("Why");
        await page.CheckAsync("input[name=verdict][value=ExportReady]");
        await page.FillAsync("textarea[name=note]", "Stark ledning, certifierad. Redo för Norge.");
        Assert.Equal(0, await page.Locator("input[name=advisor]").CountAsync()); // the advisor is the one signed in, not a name typed in
        await page.ClickAsync("#review-form button[type=submit]");
        await Assertions.Expect(page.Locator("#current-verdict")).ToContainTextAsync("Approved for export");
        await Assertions.Expect(page.Locator("#current-verdict")).ToContainTextAsync(ExportReadinessApplication.AdvisorName);
        await Assertions.Expect(page.Locator("#review-history li")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-detail"), FullPage = true });

        Assert.Equal(0, dialogs); // the company name's script never ran
        var reviewed = await pipeline.App.CreateAdvisorClient().GetAssessmentAsync(mining.Id, null);
        Assert.Equal(Core.Reviews.Verdict.ExportReady, reviewed!.Review!.Verdict);
    }
}
