using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// axe-core, in Chromium, on every kind of page in both languages: the questionnaire, the SME's result and re-assess
/// form, the advisor's sign-in, portfolio, product page, destination report and model card, and the try-again page.
/// Any violation of WCAG 2.1 A/AA or of axe's best practices fails, with the page, rule and elements named. The form,
/// the result and the portfolio are also photographed in each language (tests/artifacts) for people to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(PipelineFixture pipeline, BrowserFixture browser) : IAsyncLifetime
{
    private const string TryAgainProbe = "/accessibility/try-again";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private Task<IPage> NewPageAsync() => browser.NewPageAsync(pipeline.App.ClientOptions.BaseAddress.ToString().TrimEnd('/'));

    [Theory]
    [InlineData("sv")]
    [InlineData("en")]
    public async Task Every_kind_of_page_passes_axe_in_each_language(string lang)
    {
        var sme = pipeline.App.CreateClient();
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("a11y")).Named($"Tillgänglig AB {lang}"));
        await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        var violations = new StringBuilder();

        var page = await NewPageAsync();
        await page.GotoAsync($"/?lang={lang}");
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
        await CheckAsync(page, "form", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"page-form-{lang}"), FullPage = true });

        await page.OpenResultAsync(accepted.Id, accepted.AccessToken);
        await Assertions.Expect(page.Locator("#readiness-score")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang")); // the language chosen on the form is remembered
        await CheckAsync(page, "result", violations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"page-result-{lang}"), FullPage = true });

        await page.GotoAsync($"/result/{accepted.Id}/reassess");
        await Assertions.Expect(page.Locator("#assessment")).ToBeVisibleAsync();
        await CheckAsync(page, "re-assess form", violations);

        var tryAgain = await TryAgainPageAsync(lang);
        await page.RouteAsync("**" + TryAgainProbe, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = StatusCodes.Status503ServiceUnavailable, ContentType = "text/html; charset=utf-8", Body = tryAgain,
        }));
        await page.GotoAsync(TryAgainProbe);
        await CheckAsync(page, "try again", violations);

        var advisor = await NewPageAsync();
        await advisor.GotoAsync($"/advisor/login?lang={lang}");
        await CheckAsync(advisor, "sign-in", violations);
        await advisor.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await advisor.ClickAsync("button[type=submit]");
        await Assertions.Expect(advisor.Locator("#funnel")).ToBeVisibleAsync();
        Assert.Equal(lang, await advisor.GetAttributeAsync("html", "lang"));
        await CheckAsync(advisor, "portfolio", violations);
        await advisor.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot($"page-dashboard-{lang}"), FullPage = true });

        await advisor.GotoAsync($"/advisor/assessments/{accepted.Id}");
        await CheckAsync(advisor, "product", violations);

        await advisor.GotoAsync("/advisor/reports/destination");
        await CheckAsync(advisor, "destination report", violations);

        await advisor.GotoAsync("/advisor/model");
        await CheckAsync(advisor, "model card", violations);

        // Last, as it erases the product the pages above showed: the erase confirmation and where it lands.
        await page.GotoAsync($"/result/{accepted.Id}/erase?lang={lang}");
        await CheckAsync(page, "erase confirmation", violations);
        await page.ClickAsync("#erase-product button[type=submit]");
        await Assertions.Expect(page.Locator("#erased")).ToBeVisibleAsync();
        await CheckAsync(page, "erased", violations);

        Assert.True(violations.Length == 0, $"axe found violations ({lang}):\n{violations}");
    }

    /// <summary>axe's WCAG 2.0/2.1 A and AA rules and its best practices, on the page as it stands; each violation named.</summary>
    private static async Task CheckAsync(IPage page, string name, StringBuilder violations)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        foreach (var violation in result.Violations)
            violations.AppendLine($"- {name} ({page.Url}): {violation.Id} [{violation.Impact}] {violation.Help}: " +
                string.Join(", ", violation.Nodes.Select(n => string.Join(" ", n.Target.ToString()))));
    }

    /// <summary>The page a person meets when the service is overloaded, as the app renders it.</summary>
    private async Task<string> TryAgainPageAsync(string lang)
    {
        using var scope = pipeline.App.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/";
        context.Request.QueryString = new QueryString($"?lang={lang}");
        context.Response.Body = new MemoryStream();
        await Unavailable.For(context.Request, Unavailable.Reason.Overloaded, 5).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
