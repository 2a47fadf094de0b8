using ExportReadiness.Application.Pages;
using ExportReadiness.Testing;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>The result link a real browser follows: its token, in the fragment, reaches no server log and no address it keeps.</summary>
[Collection(BrowserCollection.Name)]
public class ResultLinkBrowserTests(PipelineFixture pipeline, BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task A_result_link_opens_the_result_while_no_request_the_server_logs_carries_the_token()
    {
        var logs = new CapturedLogs();
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" }, logs);
        app.StartServer();
        var accepted = await app.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("fragment")).Named("Fragment AB"));
        var page = await browser.NewPageAsync(app.ClientOptions.BaseAddress.ToString().TrimEnd('/'));
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        await page.OpenResultAsync(accepted.Id, accepted.AccessToken, "en");

        await Assertions.Expect(page.Locator("#report-lead")).ToContainTextAsync("Fragment AB");
        Assert.DoesNotContain("token", page.Url); // the script took the fragment out of the address (and its history entry)
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name.StartsWith("__Host-sme_token_", StringComparison.Ordinal) && c.HttpOnly);
        Assert.Contains(requested, r => r.EndsWith($"/result/{accepted.Id}/open?lang=en", StringComparison.Ordinal)); // posted, not in an address
        Assert.DoesNotContain(requested, r => r.Contains(accepted.AccessToken, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"POST /result/{accepted.Id}/open?lang=en answered 302", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"GET /result/{accepted.Id}?lang=en answered 200", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(accepted.AccessToken, StringComparison.Ordinal));

        // Without script, the same page says how to open the result: the token typed into its form.
        var noScript = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ClientOptions.BaseAddress.ToString().TrimEnd('/'), JavaScriptEnabled = false, Locale = "en-GB" });
        var typed = await noScript.NewPageAsync();
        await typed.GotoAsync(ResultLinks.Of(accepted.Id, accepted.AccessToken, "en"));
        await Assertions.Expect(typed.Locator("#open-advice")).ToContainTextAsync("#token=");
        await typed.FillAsync("input[name=token]", accepted.AccessToken);
        await typed.ClickAsync("#open-result button[type=submit]");
        await Assertions.Expect(typed.Locator("#report-lead")).ToContainTextAsync("Fragment AB");
        Assert.DoesNotContain(logs.Lines, l => l.Contains(accepted.AccessToken, StringComparison.Ordinal));
    }
}
