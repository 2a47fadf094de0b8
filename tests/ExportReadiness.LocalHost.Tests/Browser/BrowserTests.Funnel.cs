using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>The PEGIN funnel in Chromium: an advisor moves a product through stages on its detail page and reads the funnel on the dashboard.</summary>
public partial class BrowserTests
{
    [Fact]
    public async Task An_advisor_moves_a_product_through_stages_on_its_page_and_sees_the_funnel_on_the_dashboard_and_in_print()
    {
        var sme = pipeline.App.CreateClient();
        var advisor = pipeline.App.CreateAdvisorClient();
        var programme = Unique.Programme("browser-funnel");
        var moved = await sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Kiruna Kåtor AB"));
        var selected = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("Luleå Lax AB"));
        var lastYear = await sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named("Boden Bär AB"));
        await sme.WaitForStatusAsync(moved.Id, moved.AccessToken);
        // Every move is dated the day the app recorded the first submission (a date from the app, not the test's
        // clock), so the stages and cohorts below hold whenever midnight or new year falls.
        var assessedOn = await sme.SubmittedOnAsync(moved);
        var day = Day(assessedOn);
        var viaApi = await advisor.PostJsonAsync($"/api/products/{selected.Id}/stages", JsonSerializer.Serialize(new { stage = "selected", date = day }));
        Assert.Equal(HttpStatusCode.Created, viaApi.StatusCode);
        // Screened on paper a year earlier, before its first assessment here: the year before's intake.
        var screenedEarlier = Day(assessedOn.AddYears(-1));
        var earlier = await advisor.PostJsonAsync($"/api/products/{lastYear.Id}/stages", JsonSerializer.Serialize(new { stage = "screened", date = screenedEarlier }));
        Assert.Equal(HttpStatusCode.Created, earlier.StatusCode);

        var page = await NewPageAsync();
        await page.GotoAsync($"/advisor/assessments/{moved.Id}?lang=en");
        await page.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#stage-funnel")).ToBeVisibleAsync(); // signed in, on the dashboard
        await page.GotoAsync($"/advisor/assessments/{moved.Id}?lang=en");

        // Screened since the first assessment; the form proposes the next stage and the app's today.
        await Assertions.Expect(page.Locator("#current-stage")).ToContainTextAsync("Screened since " + day);
        await Assertions.Expect(page.Locator("#stage-form select[name=stage]")).ToHaveValueAsync("selected");
        var proposed = DateOnly.ParseExact(await page.InputValueAsync("#stage-form input[name=date]"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(proposed, assessedOn, PipelineClient.TodayAfterwards());
        await MoveStageAsync(page, "selected", day, "Stark produkt <b>men</b> svag prissättning");
        await Assertions.Expect(page.Locator("#current-stage")).ToContainTextAsync("Selected for development since " + day);

        // Straight on to export-ready, skipping development.
        await MoveStageAsync(page, "export-ready", day, "Norsk grossist klar");
        await Assertions.Expect(page.Locator("#current-stage")).ToContainTextAsync("Export-mature since " + day);
        var rows = page.Locator("#stage-history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("first assessment");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(ExportReadinessApplication.AdvisorName);
        // The note is the advisor's text, shown as text: its markup escaped.
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(4)).ToHaveTextAsync("Stark produkt <b>men</b> svag prissättning");
        await page.Locator("#stage").ScrollIntoViewIfNeededAsync();
        await page.Locator("#stage").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-product-stage") });

        // The dashboard of the programme, per cohort: this year 2 screened → 2 selected → 1 (skipped, so reached) → 1
        // export-ready → 0; last year's one product still screened; in all 3 → 2 → 1 → 1 → 0.
        await page.GotoAsync($"/advisor?lang=en&programme={programme}");
        var year = assessedOn.Year;
        var row = page.Locator($"#stage-funnel tr.programme[data-programme='{programme}'][data-cohort='{year}']");
        await Assertions.Expect(row.Locator(".chain")).ToHaveTextAsync("2 → 2 → 1 → 1 → 0");
        await Assertions.Expect(row.Locator("td[data-stage=in-development] .conversion")).ToHaveTextAsync("(50 %)");
        await Assertions.Expect(row.Locator("td[data-stage=screened] .days")).ToContainTextAsync("median 0 d");
        await Assertions.Expect(page.Locator($"#stage-funnel tr.programme[data-cohort='{year - 1}'] .chain")).ToHaveTextAsync("1 → 0 → 0 → 0 → 0");
        var total = page.Locator("#stage-funnel tr.total");
        await Assertions.Expect(total.Locator(".chain")).ToHaveTextAsync("3 → 2 → 1 → 1 → 0");
        await Assertions.Expect(total.Locator("td[data-stage=selected] .conversion")).ToHaveTextAsync("(67 %)");
        await Assertions.Expect(page.Locator("#stage-funnel thead")).ToContainTextAsync("Selected for development");
        await page.Locator("#stage-funnel").ScrollIntoViewIfNeededAsync();
        await page.Locator("#stage-funnel").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-funnel") });

        // The CSV link exports this programme's funnel; the printed report keeps the table and drops the link.
        var csv = await page.EvaluateAsync<string>("async () => (await fetch(document.getElementById('funnel-csv').href)).text()");
        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.Locator("#stage-funnel table").IsVisibleAsync());
        Assert.False(await page.Locator("#funnel-csv").IsVisibleAsync());
        await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("advisor-funnel.pdf"), PreferCSSPageSize = true, PrintBackground = true });

        // In Swedish, the stage names are the Swedish ones (the page chosen in English keeps English without ?lang=).
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.GotoAsync($"/advisor?lang=sv&programme={programme}");
        await Assertions.Expect(page.Locator("#stage-funnel thead")).ToContainTextAsync("Utvald för utveckling");
    }
}
