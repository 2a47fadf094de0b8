using System.Text.RegularExpressions;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// An advisor writes an internal note and a message to the company on the assessment page; the company's result page,
/// on screen and printed, shows the message with the advisor's name and date, and never the note.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdvisorMessageBrowserTests(PipelineFixture pipeline, BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private Task<IPage> NewPageAsync() => browser.NewPageAsync(pipeline.App.ClientOptions.BaseAddress.ToString().TrimEnd('/'));

    [Fact]
    public async Task A_message_the_advisor_writes_to_the_company_appears_on_its_result_page_and_the_internal_note_does_not()
    {
        var sme = pipeline.App.CreateClient();
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("browser-messages")).InSector("food").Named("Norrgott Bärförädling AB"));
        await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        const string internalNote = "Internt: osäker finansiering, ta upp i styrgruppen.";
        const string message = "Hej! Ni är nära. Ta fram nettopriser för återförsäljare i Tyskland,\nså går vi igenom dem på mötet i januari.";

        var advisor = await NewPageAsync();
        await advisor.GotoAsync("/advisor/login");
        await advisor.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await advisor.ClickAsync("button[type=submit]");
        await Assertions.Expect(advisor.Locator("#funnel")).ToBeVisibleAsync();
        await advisor.GotoAsync($"/advisor/assessments/{accepted.Id}");
        await advisor.CheckAsync("input[name=verdict][value=NotYet]");
        await advisor.FillAsync("textarea[name=note]", internalNote);
        await advisor.FillAsync("textarea[name=messageToSme]", message);
        await advisor.ClickAsync("#review-form button[type=submit]");
        await Assertions.Expect(advisor.Locator("#current-message")).ToContainTextAsync("Ta fram nettopriser");
        // The form starts from the message in force, so the next verdict keeps it unless the advisor changes it.
        Assert.Equal(message, await advisor.InputValueAsync("textarea[name=messageToSme]"));

        // A Swedish reader: without ?lang= the pages follow the browser's Accept-Language (Chromium's is English).
        var page = await NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "sv-SE,sv;q=0.9" });
        await page.OpenResultAsync(accepted.Id, accepted.AccessToken);
        Assert.Matches(new Regex($"/result/{accepted.Id}$"), page.Url);
        var messages = page.Locator("#advisor-messages");
        await Assertions.Expect(messages.Locator("h2")).ToHaveTextAsync("Från er rådgivare");
        await Assertions.Expect(messages.Locator(".message-text")).ToContainTextAsync("Ta fram nettopriser för återförsäljare i Tyskland");
        // The advisor's line break is kept (the text is encoded, and shown with its lines).
        Assert.Equal(message, await messages.Locator(".message-text").InnerTextAsync());
        await Assertions.Expect(messages.Locator("footer")).ToContainTextAsync(ExportReadinessApplication.AdvisorName);
        await Assertions.Expect(messages.Locator("footer time")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2}$"));
        Assert.DoesNotContain("styrgruppen", await page.ContentAsync());
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-result-advisor-note"), FullPage = true });

        // The printed report carries the message too.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(messages).ToBeVisibleAsync();
        var pdf = PrintedPdf.Read(await page.PdfAsync(new PagePdfOptions { Path = BrowserFixture.Artifact("sme-result-advisor-note.pdf"), PreferCSSPageSize = true, PrintBackground = true }));
        Assert.InRange(pdf.PageCount, 1, 3);

        // In English, the same message under an English heading.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.ClickAsync("a.lang:has-text('English')");
        await Assertions.Expect(messages.Locator("h2")).ToHaveTextAsync("From your advisor");
        await Assertions.Expect(messages.Locator(".message-text")).ToContainTextAsync("mötet i januari");
    }
}
