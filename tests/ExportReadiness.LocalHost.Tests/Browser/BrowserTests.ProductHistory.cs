using System.Text.Json;
using System.Text.RegularExpressions;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// Following a product over time in Chromium: re-assessing from the result page, the change chart, and the advisor's
/// view of the whole history. A part of <see cref="BrowserTests"/>, sharing its browser and pages.
/// </summary>
public partial class BrowserTests
{
    [Fact]
    public async Task Reassessing_from_the_result_page_prefills_the_form_and_the_linked_result_shows_the_change_per_dimension()
    {
        var sme = pipeline.App.CreateClient();
        var programme = Unique.Programme("browser-hist");
        var first = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).InSector("food").InRegion("SE-H").Named("Öland Must AB"));
        var before = await sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var page = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.OpenResultAsync(first.Id, first.AccessToken, "en");
        Assert.Equal(0, await page.Locator("#change").CountAsync()); // a first assessment has nothing to compare with
        await page.ClickAsync("#reassess");

        // The form holds the last answers: company, product and every answer.
        await Assertions.Expect(page.Locator("#reassess-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[name='company.name']")).ToHaveValueAsync("Öland Must AB");
        await Assertions.Expect(page.Locator("[name='company.sector']")).ToHaveValueAsync("food");
        await Assertions.Expect(page.Locator("[name='company.region']")).ToHaveValueAsync("SE-H");
        await Assertions.Expect(page.Locator("[name='product.name']")).ToHaveValueAsync(before.Product.Name);
        await Assertions.Expect(page.Locator("[name='programme']")).ToHaveValueAsync(programme);
        foreach (var (id, answer) in before.Answers)
        {
            var value = ((JsonElement)answer).ValueKind switch
            {
                JsonValueKind.Number => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => ((JsonElement)answer).GetString(),
            };
            if (value is null) await Assertions.Expect(page.Locator($"input[name='answers.{id}']")).ToHaveValueAsync(new Regex(".+"));
            else await Assertions.Expect(page.Locator($"input[name='answers.{id}'][value='{value}']")).ToBeCheckedAsync();
        }
        await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync(new Regex(@"^(\d+) / \1 "));

        // Better answers this time: the strong ones.
        await AnswerAsync(page, AssessmentBuilder.Strong().InSector("food"));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(@"/result/[0-9a-f]{32}\?lang=en$"));
        Assert.DoesNotContain(first.Id, page.Url);
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // The change since last time, per dimension and overall, as a server-drawn chart.
        await Assertions.Expect(page.Locator("#change h2")).ToContainTextAsync("Change since the last assessment");
        await Assertions.Expect(page.Locator("#change-overall")).ToContainTextAsync($"Export readiness {before.Result!.ReadinessScore} → ");
        var rows = page.Locator("#change svg.chart.change g.change-row");
        Assert.Equal(before.Result.Dimensions.Count + 1, await rows.CountAsync());
        Assert.True(await page.Locator("#change svg.chart rect.bar.up").CountAsync() > 0, "strong answers raise some dimension");
        await page.Locator("#change").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result-change"), FullPage = true });

        // The printed report keeps the change.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.Locator("#change svg.chart").IsVisibleAsync());
        Assert.False(await page.Locator("#reassess").IsVisibleAsync());
        await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("sme-result-change.pdf"), PreferCSSPageSize = true, PrintBackground = true });
        Assert.Equal(0, dialogs);
    }

    /// <summary>Answers every visible question of the form as <paramref name="builder"/> would, as a person clicking through it.</summary>
    private static async Task AnswerAsync(IPage page, AssessmentBuilder builder)
    {
        foreach (var (id, node) in builder.ToJson()["answers"]!.AsObject())
        {
            var field = page.Locator($".question[data-field='answers.{id}']:visible");
            if (await field.CountAsync() == 0) continue;
            var kind = node!.GetValueKind();
            if (kind == JsonValueKind.Number) await field.Locator("input[type=number]").FillAsync(node.ToJsonString());
            else await field.Locator($"input[value='{(kind == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString())}']").CheckAsync();
        }
    }

    [Fact]
    public async Task An_advisor_sees_the_whole_history_of_a_product_on_its_detail_page()
    {
        var sme = pipeline.App.CreateClient();
        var programme = Unique.Programme("browser-histadv");
        var first = await sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named("Gotlands Ull AB"));
        await sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var accepted = await sme.ReassessAcceptedAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("Gotlands Ull AB"), first);
        await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        var page = await SignedInAdvisorPageAsync($"/advisor/assessments/{accepted.Id}?lang=en");
        await Assertions.Expect(page.Locator("#product-history > h2")).ToContainTextAsync("The product's history");
        await Assertions.Expect(page.Locator("#product-history tr[data-assessment]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#product-history #change svg.chart")).ToBeVisibleAsync();
        await page.Locator("#product-history").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.Screenshot("advisor-product-history") });

        // From the later assessment to the first one, whose page lists the same history.
        await page.ClickAsync($"#product-history tr[data-assessment='{first.Id}'] a");
        await Assertions.Expect(page.Locator("#product-history tr[data-assessment]")).ToHaveCountAsync(2);
        Assert.Equal(0, await page.Locator("#product-history #change").CountAsync()); // nothing came before the first
    }
}
