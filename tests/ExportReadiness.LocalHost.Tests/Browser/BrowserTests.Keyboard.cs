using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>The advisor's pages with the keyboard alone: every step below is a key press, no click and no programmatic focus.</summary>
public partial class BrowserTests
{
    [Fact]
    public async Task An_advisor_records_a_verdict_moves_the_product_and_sorts_the_list_with_the_keyboard_alone()
    {
        var sme = pipeline.App.CreateClient();
        var programme = Unique.Programme("browser-keyboard");
        var submitted = await sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Tangentbord AB"));
        var weaker = await sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named("Mus AB"));
        await sme.WaitForStatusAsync(submitted.Id, submitted.AccessToken);
        await sme.WaitForStatusAsync(weaker.Id, weaker.AccessToken);
        var page = await SignedInAdvisorPageAsync($"/advisor/assessments/{submitted.Id}?lang=en");

        // The first verdict takes the focus with Tab; Space chooses it, and Tab goes on to the note, the message, Save.
        await TabToAsync(page, "#review-form input[name=verdict][value=ExportReady]");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Stark ledning.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Välkommen till exportprogrammet!");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#current-verdict")).ToContainTextAsync("Approved for export");
        await Assertions.Expect(page.Locator("#current-message")).ToContainTextAsync("Välkommen till exportprogrammet!");

        // The stage form proposes the next stage; one arrow down picks the one after it. Tab goes on through today's date
        // (its day, month and year each take a Tab) to the note, then to Move.
        await TabToAsync(page, "#stage-form select[name=stage]");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("#stage-form select[name=stage]")).ToHaveValueAsync("in-development");
        await TabToAsync(page, "#stage-form textarea[name=note]");
        await page.Keyboard.TypeAsync("Tangentbordet räcker.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#current-stage")).ToContainTextAsync("In development since");
        await Assertions.Expect(page.Locator("#stage-history tbody tr").Last).ToContainTextAsync("Tangentbordet räcker.");

        // On the dashboard the list sorts by a column from the keyboard: the score header takes the focus, Enter sorts.
        await page.GotoAsync($"/advisor?lang=en&programme={programme}");
        var score = page.Locator("#assessments th[data-sort=number]");
        await TabToAsync(page, "#assessments th[data-sort=number]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(score).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(page.Locator("#assessments tbody tr").First).ToContainTextAsync("Mus AB");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(score).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(page.Locator("#assessments tbody tr").First).ToContainTextAsync("Tangentbord AB");
    }

    /// <summary>Presses Tab from where the focus is until the element has it: reachable by the keyboard, in the page's order.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector);
        for (var presses = 0; presses < 300; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached {selector}.");
    }
}
