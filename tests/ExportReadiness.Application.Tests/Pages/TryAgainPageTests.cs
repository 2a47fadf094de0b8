using ExportReadiness.Application.Hosting;

namespace ExportReadiness.Application.Tests.Pages;

public sealed class TryAgainPageTests : ApplicationTests
{
    [Fact]
    public async Task An_overloaded_service_answers_a_page_reader_with_a_page_in_their_language_that_says_when_to_retry()
    {
        var context = App.Get("/advisor?lang=en");

        var (status, html) = await Unavailable.For(context.Request, Unavailable.Reason.Overloaded, 7).RenderAsync(context);

        Assert.Equal(503, status);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("text/html", context.Response.ContentType);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("more requests right now than it can handle", html);
        Assert.Contains("Reload the page in 7 seconds", html);
        Assert.Contains("href=\"/advisor?lang=en\"", html);
    }

    [Fact]
    public async Task Without_a_language_the_page_is_Swedish_and_a_chosen_language_is_kept_in_a_cookie()
    {
        var swedish = App.Get("/");
        var (_, html) = await Unavailable.For(swedish.Request, Unavailable.Reason.StorageDown, 5).RenderAsync(swedish);
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("når inte sin lagring", html);

        var english = App.Get("/?lang=en");
        await Unavailable.For(english.Request, Unavailable.Reason.StorageDown, 5).RenderAsync(english);
        Assert.Contains("lang=en", english.Response.Headers.SetCookie.ToString());
    }

    [Theory]
    [InlineData("//other.example/")]
    [InlineData("/\\other.example/")]
    public async Task The_try_again_and_language_links_stay_on_this_site_whatever_the_path(string path)
    {
        var context = App.Get("/");
        context.Request.Path = path;

        var (_, html) = await Unavailable.For(context.Request, Unavailable.Reason.Overloaded, 5).RenderAsync(context);

        Assert.Contains("href=\"/other.example/\">", html);
        Assert.Contains("href=\"/other.example/?lang=en\"", html);
        Assert.DoesNotContain("href=\"//", html);
        Assert.DoesNotContain("href=\"/\\", html);
    }
}
