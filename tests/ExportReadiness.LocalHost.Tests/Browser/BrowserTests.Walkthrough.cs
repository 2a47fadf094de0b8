using System.Text.RegularExpressions;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// The PEGIN development loop end to end, in Chromium, as one product lives it: the SME's first assessment, its action
/// plan, the advisor's stages and message, the re-assessment with the actions done, the advisor's "export-ready", and
/// the programme's funnel and destination report. Its screenshots (<c>walkthrough-*.png</c>) are the pictures the
/// README's walkthrough names. A part of <see cref="BrowserTests"/>, sharing its browser and pages.
/// </summary>
public partial class BrowserTests
{
    [Fact]
    public async Task One_tourism_product_goes_from_its_first_assessment_through_a_plan_and_the_funnel_to_export_ready()
    {
        var programme = Unique.Programme("asnen-walk");
        var sme = await NewPageAsync();
        var dialogs = 0;
        sme.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        // 1. The SME's first assessment, from the form: a canoe package in Kronoberg with half of what export needs in place.
        await sme.GotoAsync("/?lang=en");
        await FillCompanyAsync(sme, "Åsnen Kanot & Natur AB", "tourism", "SE-G", employees: "4", turnoverSek: "3200000", yearFounded: "2014", exportSharePercent: "3");
        await sme.FillAsync("[name='product.name']", "Kanotpaket 3 dagar i Åsnens nationalpark");
        await sme.FillAsync("[name='programme']", programme);
        await AnswerAsync(sme, AssessmentBuilder.Mixed().InSector("tourism"));
        await sme.ClickAsync("button[type=submit]");
        await sme.WaitForURLAsync(new Regex(@"/result/[0-9a-f]{32}\?lang=en$"));
        await Assertions.Expect(sme.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var firstId = new Regex("/result/([0-9a-f]{32})").Match(sme.Url).Groups[1].Value;
        var firstScore = int.Parse(new Regex(@"\d+").Match((await sme.Locator("#readiness-score").TextContentAsync())!).Value);
        Assert.True(await sme.Locator("#programme-list li.programme").CountAsync() > 0, "a product with gaps is offered programmes that address them");
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-1-first-result"), FullPage = true });

        // 2. The SME plans two actions from its largest gaps.
        var gaps = sme.Locator("#action-add select[name=gap] option");
        foreach (var (index, owner, due) in new[] { (0, "Karin, ägare", "2027-03-31"), (1, "Johan, bokning", "2027-04-30") })
        {
            await sme.SelectOptionAsync("#action-add select[name=gap]", (await gaps.Nth(index).GetAttributeAsync("value"))!);
            await sme.FillAsync("#action-add input[name=owner]", owner);
            await sme.FillAsync("#action-add input[name=dueDate]", due);
            await sme.ClickAsync("#action-add button[type=submit]");
            await Assertions.Expect(sme.Locator("#action-plan-notice")).ToHaveTextAsync("The action is added to the plan.");
        }
        await Assertions.Expect(sme.Locator("#action-plan-table tbody tr")).ToHaveCountAsync(2);
        await sme.Locator("#action-plan").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-2-action-plan") });

        // 3. The advisor selects the product for development, puts it in development, adds to the plan and writes to the company.
        // Each move is dated the day the app recorded the first assessment: a date from the app, not the test's clock.
        var day = Day(PipelineClient.DayOf((await pipeline.App.CreateAdvisorClient().GetAssessmentAsync(firstId, null))!.SubmittedAt));
        var advisor = await SignedInAdvisorPageAsync($"/advisor/assessments/{firstId}?lang=en");
        await Assertions.Expect(advisor.Locator("#current-stage")).ToContainTextAsync("Screened since " + day);
        foreach (var (stage, note, shown) in new[] { ("selected", "Stark natur, saknar paket för utländska researrangörer", "Selected for development"), ("in-development", "Paketering med regionens exportcentrum", "In development") })
        {
            await MoveStageAsync(advisor, stage, day, note);
            await Assertions.Expect(advisor.Locator("#current-stage")).ToContainTextAsync($"{shown} since {day}");
        }
        // The advisor adds an action to the company's plan from the same gaps (the third row).
        await Assertions.Expect(advisor.Locator("#action-plan-table tbody tr")).ToHaveCountAsync(2);
        await advisor.SelectOptionAsync("#action-add select[name=gap]", (await advisor.Locator("#action-add select[name=gap] option").Nth(2).GetAttributeAsync("value"))!);
        await advisor.FillAsync("#action-add input[name=owner]", "Karin med regionens exportrådgivare");
        await advisor.FillAsync("#action-add input[name=dueDate]", "2027-05-31");
        await advisor.ClickAsync("#action-add button[type=submit]");
        await Assertions.Expect(advisor.Locator("#action-plan-table tbody tr")).ToHaveCountAsync(3);
        await advisor.CheckAsync("input[name=verdict][value=NotYet]");
        await advisor.FillAsync("textarea[name=note]", "Internt: bra värdskap, priser saknas.");
        await advisor.FillAsync("textarea[name=messageToSme]", "Ta fram nettopriser för researrangörer och ett bokningsbart 3-dagarspaket på tyska.");
        await advisor.ClickAsync("#review-form button[type=submit]");
        await Assertions.Expect(advisor.Locator("#current-message")).ToContainTextAsync("nettopriser");
        await advisor.Locator("#stage").ScrollIntoViewIfNeededAsync();
        await advisor.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-3-advisor-stages"), FullPage = true });

        // 4. The SME reads the message, marks its first action done and re-assesses: the change sits beside the action.
        await sme.ReloadAsync();
        await Assertions.Expect(sme.Locator("#advisor-messages .message-text")).ToContainTextAsync("nettopriser");
        await Assertions.Expect(sme.Locator("#action-plan-table tbody tr")).ToHaveCountAsync(3);
        var firstAction = sme.Locator("#action-plan-table tbody tr").First;
        var doneTitle = await firstAction.Locator(".action-title").TextContentAsync();
        await firstAction.Locator("select[name=status]").SelectOptionAsync("Done");
        await firstAction.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(sme.Locator("#action-plan-notice")).ToHaveTextAsync("The action is updated.");
        await sme.ClickAsync("#reassess");
        await Assertions.Expect(sme.Locator("#reassess-note")).ToBeVisibleAsync();
        await AnswerAsync(sme, AssessmentBuilder.Strong().InSector("tourism"));
        await sme.ClickAsync("button[type=submit]");
        await sme.WaitForURLAsync(new Regex(@"/result/[0-9a-f]{32}\?lang=en$"));
        await Assertions.Expect(sme.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var secondId = new Regex("/result/([0-9a-f]{32})").Match(sme.Url).Groups[1].Value;
        Assert.NotEqual(firstId, secondId);
        await Assertions.Expect(sme.Locator("#change-overall")).ToContainTextAsync($"Export readiness {firstScore} → ");
        await Assertions.Expect(sme.Locator("#change #actions-done li")).ToContainTextAsync(doneTitle!);
        await sme.Locator("#change").ScrollIntoViewIfNeededAsync();
        await sme.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-4-reassessed"), FullPage = true });
        await sme.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var printed = PrintedPdf.Read(await sme.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("walkthrough-4-reassessed.pdf"), PreferCSSPageSize = true, PrintBackground = true }));
        printed.AssertEveryPageIsA4();

        // 5. The advisor confirms: export-ready, both as a verdict on the new assessment and as the product's stage.
        await advisor.GotoAsync($"/advisor/assessments/{secondId}?lang=en");
        await Assertions.Expect(advisor.Locator("#current-stage")).ToContainTextAsync("In development since " + day);
        await advisor.CheckAsync("input[name=verdict][value=ExportReady]");
        await advisor.FillAsync("textarea[name=note]", "Nettopriser och paket på plats.");
        await advisor.FillAsync("textarea[name=messageToSme]", "Grattis: produkten är exportmogen. Nästa steg: VisitSwedens och regionens säljaktiviteter.");
        await advisor.ClickAsync("#review-form button[type=submit]");
        await Assertions.Expect(advisor.Locator("#current-verdict")).ToContainTextAsync("Approved for export");
        await MoveStageAsync(advisor, "export-ready", day, "Bekräftad efter omprövning");
        await Assertions.Expect(advisor.Locator("#current-stage")).ToContainTextAsync("Export-mature since " + day);
        await Assertions.Expect(advisor.Locator("#stage-history tbody tr")).ToHaveCountAsync(4);
        await advisor.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-5-export-ready"), FullPage = true });

        // 6. The programme's portfolio: one product, screened → selected → in development → export-ready, and improved.
        await advisor.GotoAsync($"/advisor?lang=en&programme={programme}");
        await Assertions.Expect(advisor.Locator($"#stage-funnel tr.programme[data-programme='{programme}'] .chain")).ToHaveTextAsync("1 → 1 → 1 → 1 → 0");
        await Assertions.Expect(advisor.Locator("#progress")).ToContainTextAsync("scored more than once: 1");
        await advisor.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-6-portfolio"), FullPage = true });

        // 7. The destination report: the product now meets every one of VisitSweden's criteria.
        await advisor.GotoAsync($"/advisor/reports/destination?lang=en&programme={programme}");
        await Assertions.Expect(advisor.Locator("#criteria-table tr[data-criterion='all'] td.share")).ToHaveTextAsync("100 % (1/1)");
        await advisor.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("walkthrough-7-destination"), FullPage = true });

        // And the SME reads the advisor's last word on its new result page.
        await sme.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await sme.ReloadAsync();
        await Assertions.Expect(sme.Locator("#advisor-messages .message-text")).ToContainTextAsync("exportmogen");
        Assert.Equal(0, dialogs);
    }
}
