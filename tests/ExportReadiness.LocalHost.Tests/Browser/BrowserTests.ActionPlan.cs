using System.Text.RegularExpressions;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// The action plan in Chromium: the SME picks actions from its gaps on the result page, prints the plan, marks one done,
/// re-assesses, and reads it beside the dimension's change; the advisor sees the plan. A part of <see cref="BrowserTests"/>.
/// </summary>
public partial class BrowserTests
{
    [Fact]
    public async Task An_sme_plans_two_actions_from_its_gaps_prints_the_plan_marks_one_done_and_sees_it_beside_the_change_after_reassessing()
    {
        var sme = pipeline.App.CreateClient();
        var programme = Unique.Programme("browser-plan");
        var first = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("Skellefteå Båt AB"));
        await sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var page = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.OpenResultAsync(first.Id, first.AccessToken, "en");
        var plan = page.Locator("#action-plan");
        await Assertions.Expect(plan.Locator("h2")).ToHaveTextAsync("Action plan");
        await Assertions.Expect(page.Locator("#action-plan-empty")).ToBeVisibleAsync();

        // Two actions from the two largest gaps: the gap list is ordered by what each could add.
        var gaps = page.Locator("#action-add select[name=gap] option");
        Assert.True(await gaps.CountAsync() >= 2, "a mixed product has several gaps");
        var picked = new List<string>();
        foreach (var (index, owner, due) in new[] { (0, "Maria Holm, vd", "2027-02-15"), (1, "Exportansvarig", "2027-05-31") })
        {
            var option = await gaps.Nth(index).GetAttributeAsync("value");
            picked.Add((await gaps.Nth(index).TextContentAsync())!);
            await page.SelectOptionAsync("#action-add select[name=gap]", option!);
            await page.FillAsync("#action-add input[name=owner]", owner);
            await page.FillAsync("#action-add input[name=dueDate]", due);
            await page.ClickAsync("#action-add button[type=submit]");
            await Assertions.Expect(page.Locator("#action-plan-notice")).ToHaveTextAsync("The action is added to the plan.");
        }
        Assert.DoesNotContain("token=", page.Url); // redirected back to the page, never to a URL with the token
        var rows = page.Locator("#action-plan-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("Maria Holm, vd");
        await Assertions.Expect(rows.First.Locator("td").Nth(3)).ToHaveTextAsync("2027-02-15");
        await Assertions.Expect(rows.First.Locator(".action-status")).ToHaveTextAsync("Planned");
        await plan.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result-action-plan"), FullPage = true });

        // The printed report keeps the plan's table, not its forms.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.Locator("#action-plan-table").IsVisibleAsync());
        Assert.False(await page.Locator("#action-add").IsVisibleAsync());
        Assert.False(await page.Locator(".action-status-form").First.IsVisibleAsync());
        var pdf = PrintedPdf.Read(await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("sme-result-action-plan.pdf"), PreferCSSPageSize = true, PrintBackground = true }));
        Assert.InRange(pdf.PageCount, 1, 4);
        pdf.AssertEveryPageIsA4();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The first action is done.
        var firstRow = rows.First;
        var doneId = await firstRow.GetAttributeAsync("data-action");
        var doneTitle = await firstRow.Locator(".action-title").TextContentAsync();
        await firstRow.Locator("select[name=status]").SelectOptionAsync("Done");
        await firstRow.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#action-plan-notice")).ToHaveTextAsync("The action is updated.");
        await Assertions.Expect(page.Locator($"#action-plan-table tr[data-action='{doneId}']")).ToHaveAttributeAsync("data-status", "Done");

        // Re-assess with better answers.
        await page.ClickAsync("#reassess");
        await Assertions.Expect(page.Locator("#reassess-note")).ToBeVisibleAsync();
        await AnswerAsync(page, AssessmentBuilder.Strong());
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex(@"/result/[0-9a-f]{32}\?lang=en$"));
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var secondId = new Regex("/result/([0-9a-f]{32})").Match(page.Url).Groups[1].Value;

        // Beside the dimension's change: the action done since last time. The plan carried over, both actions in it.
        var done = page.Locator("#change #actions-done tbody tr");
        await Assertions.Expect(done).ToHaveCountAsync(1);
        await Assertions.Expect(done.Locator("li")).ToContainTextAsync(doneTitle!);
        await Assertions.Expect(done.Locator(".change-delta")).ToHaveTextAsync(new Regex(@"^\d+ → \d+ \((\+\d+|−\d+|±0)\)$"));
        await Assertions.Expect(page.Locator("#action-plan-table tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#change").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result-actions-done"), FullPage = true });
        Assert.Equal(0, dialogs);

        // The advisor's page of the re-assessment shows the same plan and what was done, and the advisor can change it:
        // an action put in progress there is what the SME then reads on its page. (Adding one: the walkthrough test.)
        var advisor = await SignedInAdvisorPageAsync($"/advisor/assessments/{secondId}?lang=en");
        await Assertions.Expect(advisor.Locator("#action-plan-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(advisor.Locator("#product-history #actions-done tbody tr")).ToHaveCountAsync(1);
        // The advisor's plan holds the two gaps the SME picked: each option named its gap's advice, the action's title.
        var titles = await advisor.Locator("#action-plan-table tbody tr .action-title").AllTextContentsAsync();
        Assert.Equal(2, titles.Count);
        Assert.All(picked, option => Assert.Contains(titles, title => option.Contains(title, StringComparison.Ordinal)));
        var open = advisor.Locator("#action-plan-table tbody tr[data-status='Planned']").First;
        var openId = await open.GetAttributeAsync("data-action");
        await open.Locator("select[name=status]").SelectOptionAsync("InProgress");
        await open.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(advisor.Locator($"#action-plan-table tr[data-action='{openId}']")).ToHaveAttributeAsync("data-status", "InProgress");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#action-plan-table tr[data-action='{openId}']")).ToHaveAttributeAsync("data-status", "InProgress");
    }
}
