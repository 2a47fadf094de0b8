using System.Globalization;
using ExportReadiness.Application.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The Function App answers pages from the same Razor components as the local host, rendered by HtmlRenderer through
/// the worker's ASP.NET Core integration, with its texts read from the resource files published beside the worker.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public class PageRenderingFunctionTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task The_form_function_answers_the_questionnaire_page_in_Swedish_by_default()
    {
        var page = await new FunctionAppBrowser(fixture).SendAsync("GET", "/");

        Assert.Equal(200, page.Response.StatusCode);
        Assert.StartsWith("text/html", page.Response.ContentType);
        var html = FunctionAppBrowser.Body(page);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("id=\"assessment\"", html);
        Assert.Contains("Är er produkt redo för export?", html);
        Assert.Contains("<script src=\"/assets/form.js\" defer></script>", html);
    }

    [Fact]
    public async Task A_language_chosen_with_lang_is_kept_by_its_cookie_for_the_next_page()
    {
        var browser = new FunctionAppBrowser(fixture);

        var english = await browser.SendAsync("GET", "/?lang=en");
        Assert.Contains("<html lang=\"en\">", FunctionAppBrowser.Body(english));
        Assert.Equal("en", browser.Cookies[RequestLanguage.Cookie]);

        var next = await browser.SendAsync("GET", "/advisor/login");
        Assert.Contains("<html lang=\"en\">", FunctionAppBrowser.Body(next));
    }

    [Fact]
    public async Task The_worker_reads_the_texts_of_both_languages_from_the_resource_files_beside_it()
    {
        var catalog = fixture.App.Services.GetRequiredService<TextCatalog>();

        Assert.Equal(["sv", "en"], catalog.Languages.Select(c => c.Name));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Resources", "SharedTexts.resx")));
        Assert.Equal("Try again", catalog.Find(nameof(SharedTexts), "TryAgain", CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Försök igen", catalog.Find(nameof(SharedTexts), "TryAgain", CultureInfo.GetCultureInfo("sv-FI")));
    }
}
