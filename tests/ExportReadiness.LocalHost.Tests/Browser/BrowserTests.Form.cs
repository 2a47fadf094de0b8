using System.Text.RegularExpressions;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// The questionnaire in Chromium as people use it: with a screen reader's names for every control, with the keyboard
/// alone, and over more than one sitting (the draft this browser keeps). A part of <see cref="BrowserTests"/>.
/// </summary>
public partial class BrowserTests
{
    private const string DraftPrefix = "exportreadiness.draft.";

    /// <summary>
    /// About half the form, as a person would fill it: the company's fields (text, select, number, the textarea), every
    /// other question (radios and numbers). The fields and values it set, by name.
    /// </summary>
    private static async Task<Dictionary<string, string>> FillHalfAsync(IPage page)
    {
        var set = new Dictionary<string, string>
        {
            ["company.name"] = "Utkast & Söner AB", ["company.sector"] = "manufacturing", ["company.employees"] = "14",
            ["company.region"] = "SE-Z", ["product.description"] = "Kakelugnar i täljsten",
        };
        await page.FillAsync("[name='company.name']", set["company.name"]);
        await page.SelectOptionAsync("[name='company.sector']", set["company.sector"]);
        await page.FillAsync("[name='company.employees']", set["company.employees"]);
        await page.SelectOptionAsync("[name='company.region']", set["company.region"]);
        await page.FillAsync("[name='product.description']", set["product.description"]);
        var questions = await page.Locator(".question:visible").AllAsync();
        for (var i = 0; i < questions.Count; i += 2)
        {
            var question = questions[i];
            var name = (await question.GetAttributeAsync("data-field"))!;
            var radios = question.Locator("input[type=radio]");
            var count = await radios.CountAsync();
            if (count > 0)
            {
                var radio = radios.Nth(count - 1);
                await radio.CheckAsync();
                set[name] = (await radio.GetAttributeAsync("value"))!;
            }
            else
            {
                await question.Locator("input[type=number]").FillAsync("7");
                set[name] = "7";
            }
        }
        return set;
    }

    private static async Task ExpectValuesAsync(IPage page, Dictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            var radio = page.Locator($"input[type=radio][name='{name}'][value='{value}']");
            if (await radio.CountAsync() > 0) await Assertions.Expect(radio).ToBeCheckedAsync();
            else await Assertions.Expect(page.Locator($"[name='{name}']")).ToHaveValueAsync(value);
        }
    }

    private static Task<string[]> DraftKeysAsync(IPage page) =>
        page.EvaluateAsync<string[]>($"() => Object.keys(localStorage).filter(k => k.startsWith('{DraftPrefix}'))");

    [Fact]
    public async Task The_form_keeps_a_draft_in_this_browser_restores_it_on_return_sends_nothing_and_forgets_it_when_asked()
    {
        var page = await NewPageAsync();
        var apiCalls = new List<string>();
        page.Context.Request += (_, request) => { if (new Uri(request.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)) apiCalls.Add(request.Url); };
        await page.GotoAsync("/?lang=en");
        await Assertions.Expect(page.Locator("#draft-note")).ToBeHiddenAsync(); // nothing to restore on a first visit

        var values = await FillHalfAsync(page);
        Assert.True(values.Count > 20, $"half the form: {values.Count} fields");
        var progress = await page.TextContentAsync("#progress-text");
        Assert.Matches(new Regex(@"^\d+ / \d+ answered$"), progress);
        await Assertions.Expect(page.Locator("a[data-part='dimension-management'] .part-count")).ToHaveTextAsync(new Regex(@"^\d+ / 3$"));
        Assert.Equal(["exportreadiness.draft.v1.new"], await DraftKeysAsync(page));

        // A reload: every answer is there, the sector's module shown, the progress as it was, and the note says why.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#draft-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#draft-note")).ToContainTextAsync("Your draft was restored");
        await ExpectValuesAsync(page, values);
        await Assertions.Expect(page.Locator("#progress-text")).ToHaveTextAsync(progress!);
        await Assertions.Expect(page.Locator(".question[data-field='answers.cert_ce_marking']")).ToBeVisibleAsync(); // manufacturing's module
        await Assertions.Expect(page.Locator(".question[data-field='answers.tour_net_rates']")).ToBeHiddenAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sme-form-draft-restored"), FullPage = false });

        // Another tab of the same browser finds it too.
        var tab = await page.Context.NewPageAsync();
        await tab.GotoAsync("/?lang=sv");
        await Assertions.Expect(tab.Locator("#draft-note")).ToContainTextAsync("Ert utkast är återställt");
        await ExpectValuesAsync(tab, values);
        await tab.CloseAsync();

        // Nothing of it went to the server: no call to the API while filling in, restoring or reloading.
        Assert.Empty(apiCalls);

        // "Clear my draft": an empty form, which a reload keeps empty.
        await page.ClickAsync("#draft-clear");
        await Assertions.Expect(page.Locator("#draft-note")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[name='company.name']")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("[name='company.name']")).ToBeFocusedAsync();
        Assert.Equal(0, await page.Locator("#assessment input[type=radio]:checked").CountAsync());
        Assert.Empty(await DraftKeysAsync(page));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#draft-note")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[name='company.sector']")).ToHaveValueAsync("");
        Assert.Equal(0, await page.Locator("#assessment input[type=radio]:checked").CountAsync());
        Assert.Empty(apiCalls);
    }

    [Fact]
    public async Task A_submitted_form_leaves_no_draft_behind()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/?lang=en");
        await FillCompanyAsync(page, "Inskickat AB", "food", "SE-H", employees: "8", turnoverSek: "4000000", yearFounded: "2015", exportSharePercent: "0");
        await page.FillAsync("[name='product.name']", "Äppelmust");
        foreach (var question in await page.Locator(".question:visible").AllAsync())
        {
            var radios = question.Locator("input[type=radio]");
            if (await radios.CountAsync() > 0) await radios.First.CheckAsync();
            else await question.Locator("input[type=number]").FillAsync("2");
        }
        Assert.NotEmpty(await DraftKeysAsync(page));

        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/result/"));

        Assert.Empty(await DraftKeysAsync(page));
        await page.GotoAsync("/?lang=en");
        await Assertions.Expect(page.Locator("#draft-note")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[name='company.name']")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_reassess_form_keeps_a_draft_of_its_own_and_clearing_it_brings_back_the_last_answers()
    {
        var sme = pipeline.App.CreateClient();
        var first = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("browser-draft")).Named("Förra Svaren AB"));
        await sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var page = await NewPageAsync();
        await page.GotoAsync("/?lang=en");
        await page.FillAsync("[name='company.name']", "Tomt Formulär AB"); // a draft of the blank form

        // The re-assessment form shows the last answers, not the blank form's draft.
        await page.OpenResultAsync(first.Id, first.AccessToken, "en");
        await page.ClickAsync("#reassess");
        var name = page.Locator("[name='company.name']");
        await Assertions.Expect(name).ToHaveValueAsync("Förra Svaren AB");
        await Assertions.Expect(page.Locator("#draft-note")).ToBeHiddenAsync();

        // Its own changes come back after a reload; clearing them brings back the last answers, not an empty form.
        await name.FillAsync("Nya Svaren AB");
        await page.ReloadAsync();
        await Assertions.Expect(name).ToHaveValueAsync("Nya Svaren AB");
        await Assertions.Expect(page.Locator("#draft-note")).ToBeVisibleAsync();
        await page.ClickAsync("#draft-clear");
        await Assertions.Expect(name).ToHaveValueAsync("Förra Svaren AB");
        await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync(new Regex(@"^(\d+) / \1 "));

        // The blank form still has its own draft.
        await page.GotoAsync("/?lang=en");
        await Assertions.Expect(page.Locator("[name='company.name']")).ToHaveValueAsync("Tomt Formulär AB");
        Assert.Equal(["exportreadiness.draft.v1.new"], await DraftKeysAsync(page));
    }

    [Theory]
    [InlineData("sv")]
    [InlineData("en")]
    public async Task Every_control_of_the_form_has_an_accessible_name_from_its_question_or_label(string lang)
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"/?lang={lang}");
        await page.SelectOptionAsync("[name='company.sector']", "tourism"); // the module's questions too

        // A number question is a spin button named by its question; a choice is a group of radios named by its question.
        var numbers = 0;
        foreach (var question in await page.Locator(".question:visible").AllAsync())
        {
            var field = (await question.GetAttributeAsync("data-field"))!;
            var text = Regex.Replace((await question.Locator(".question-text").TextContentAsync())!, @"\s+", " ").Trim();
            if (await question.Locator("input[type=number]").CountAsync() > 0)
            {
                numbers++;
                await Assertions.Expect(page.GetByRole(AriaRole.Spinbutton, new() { Name = text, Exact = true })).ToHaveAttributeAsync("name", field);
            }
            else
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = text, Exact = true })).ToHaveAttributeAsync("data-field", field);
                foreach (var radio in await question.Locator("input[type=radio]").AllAsync())
                    Assert.NotEmpty((await radio.EvaluateAsync<string>("r => r.labels[0].textContent")).Trim());
            }
        }
        Assert.Equal(6, numbers);

        // The company's fields by their labels; the unit and the error message describe a number.
        foreach (var field in await page.Locator("#company-product .field").AllAsync())
        {
            var label = (await field.Locator("label").TextContentAsync())!.Trim();
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToHaveAttributeAsync("name", (await field.GetAttributeAsync("data-field"))!);
        }
        await Assertions.Expect(page.Locator("[name='answers.mgmt_time_percent']")).ToHaveAttributeAsync("aria-describedby", "q-mgmt_time_percent-unit q-mgmt_time_percent-error");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#assessment input, #assessment select, #assessment textarea')].filter(c => c.type !== 'radio' && c.labels.length === 0).length"));
    }

    [Fact]
    public async Task An_sme_fills_in_and_submits_the_whole_form_with_the_keyboard_alone()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/?lang=en");
        var typed = new Dictionary<string, string>
        {
            ["company.name"] = "Tangent AB", ["company.employees"] = "9", ["company.turnoverSek"] = "3500000", ["company.yearFounded"] = "2004",
            ["company.exportSharePercent"] = "3", ["product.name"] = "Tangentbord i björk",
        };

        // Tab from the top of the page: past the header and the list of parts to the first field, then through every
        // field in order. A select takes an arrow, a radio group an arrow (which also checks), a number its digits.
        var steps = 0;
        var radioGroups = 0;
        while (steps++ < 400)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<Focused>("() => { const e = document.activeElement; return { tag: e.tagName.toLowerCase(), type: e.type ?? '', name: e.name ?? '' }; }");
            if (focused.Tag == "button" && focused.Type == "submit")
            {
                await page.Keyboard.PressAsync("Enter");
                break;
            }
            if (focused.Name.Length == 0) continue; // a link, or the draft note's button
            if (focused.Tag == "select") await page.Keyboard.PressAsync("ArrowDown");
            else if (focused.Type == "radio")
            {
                await page.Keyboard.PressAsync("ArrowDown");
                radioGroups++;
            }
            else if (typed.TryGetValue(focused.Name, out var text)) await page.Keyboard.TypeAsync(text);
            else if (focused.Type == "number") await page.Keyboard.TypeAsync("3");
        }

        await page.WaitForURLAsync(new Regex("/result/"));
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#report-lead")).ToContainTextAsync("Tangent AB");
        Assert.True(radioGroups >= 30, $"every visible choice answered by arrow key: {radioGroups}");
    }

    private sealed class Focused
    {
        public string Tag { get; set; } = "";

        public string Type { get; set; } = "";

        public string Name { get; set; } = "";
    }
}
