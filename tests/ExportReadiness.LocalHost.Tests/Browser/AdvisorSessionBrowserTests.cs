using System.Net;
using ExportReadiness.Application.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>
/// The advisor's session in a real browser: a page from another origin on the same site (another port of this host, as a
/// sibling app would be) cannot make the signed-in browser start a rescore run or sign out; signing out on the page ends
/// the session for every copy of its cookie.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdvisorSessionBrowserTests(PipelineFixture pipeline, BrowserFixture browser) : IAsyncLifetime
{
    private WebApplication? _attacker;
    private string BaseUrl => pipeline.App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_attacker is not null) await _attacker.DisposeAsync();
        await browser.CloseContextsAsync();
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/advisor/login?lang=en");
        await page.FillAsync("input[name=key]", ExportReadinessApplication.AdvisorKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Another origin (same host, another port) serving pages whose forms post themselves to the app at once.</summary>
    private async Task<string> StartAttackerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _attacker = builder.Build();
        _attacker.MapGet("/{target}", (string target) => Results.Content(
            $"<!doctype html><html><body><form id=\"f\" method=\"post\" action=\"{BaseUrl}/{(target == "rescore" ? "api/admin/rescore" : "advisor/logout")}\">" +
            "<input type=\"hidden\" name=\"reason\" value=\"forged\"></form><script>document.getElementById('f').submit();</script></body></html>",
            "text/html"));
        await _attacker.StartAsync();
        return _attacker.Urls.Single();
    }

    /// <summary>The runs started by a request (trigger "manual"): the nightly schedule may start one of its own meanwhile.</summary>
    private async Task<HashSet<string>> RunIdsAsync()
    {
        var runs = System.Text.Json.JsonDocument.Parse(await pipeline.App.CreateAdvisorClient().GetStringAsync("/api/admin/rescore/runs")).RootElement;
        return runs.EnumerateArray().Where(r => r.GetProperty("trigger").GetString() == "manual").Select(r => r.GetProperty("id").GetString()!).ToHashSet();
    }

    [Fact]
    public async Task A_cross_site_auto_submitting_form_neither_starts_a_rescore_run_nor_signs_the_advisor_out()
    {
        var page = await SignedInPageAsync();
        var attacker = await StartAttackerAsync();
        var before = await RunIdsAsync();

        var rescore = await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"{attacker}/rescore"), r => r.Url.EndsWith("/api/admin/rescore", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.BadRequest, rescore.Status); // the session cookie came along; the page's token could not
        Assert.Contains(AdvisorAntiforgery.FormFieldName, await rescore.TextAsync());
        Assert.Equal(before, await RunIdsAsync());

        var signOut = await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"{attacker}/sign-out"), r => r.Url.Contains("/advisor/logout", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.BadRequest, signOut.Status);
        Assert.Equal(200, (await page.GotoAsync("/advisor"))!.Status); // still signed in
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_on_the_page_ends_the_session_for_a_copy_of_its_cookie_too()
    {
        var page = await SignedInPageAsync();
        var cookies = await page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == AdvisorSessionCookie.CookieName);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(cookies, c => c.Value.Contains(ExportReadinessApplication.AdvisorKey, StringComparison.Ordinal));

        await page.ClickAsync("form[action^='/advisor/logout'] button[type=submit]");
        await Assertions.Expect(page.Locator("input[name=key]")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == AdvisorSessionCookie.CookieName);

        using var copy = pipeline.App.CreateSessionClient();
        copy.Cookies[AdvisorSessionCookie.CookieName] = session.Value;
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/assessments?pageSize=1")).StatusCode);
    }
}
