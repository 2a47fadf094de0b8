using Microsoft.Playwright;

namespace ExportReadiness.LocalHost.Tests.Browser;

/// <summary>An SME's result link as the form and the mail give it: the token in the fragment, traded by the page's script.</summary>
public static class ResultLinks
{
    /// <summary>The link itself: <c>/result/{id}?lang=…#token=…</c>.</summary>
    public static string Of(string id, string token, string? lang = null) =>
        $"/result/{Uri.EscapeDataString(id)}{(lang is null ? "" : "?lang=" + lang)}#token={Uri.EscapeDataString(token)}";

    /// <summary>Opens the link and waits for the result page its script trades the token for.</summary>
    public static async Task OpenResultAsync(this IPage page, string id, string token, string? lang = null)
    {
        await page.GotoAsync(Of(id, token, lang));
        await Assertions.Expect(page.Locator("article.report")).ToBeVisibleAsync();
    }
}
