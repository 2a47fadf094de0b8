using System.Net;
using System.Text.RegularExpressions;
using ExportReadiness.Application.Pages;

namespace ExportReadiness.Application.Tests.Pages;

public sealed class ModelCardPageTests : ApplicationTests
{
    private async Task<(int Status, string Html)> PageAsync(ApplicationUnderTest app, string query = "")
    {
        var context = await app.Get($"/advisor/model{query}").AsAdvisorAsync();
        var (status, html) = await (await app.Get<ModelCardPage>().Show(context.Request, default)).RenderAsync(context);
        return (status, WebUtility.HtmlDecode(html)); // the text as a reader sees it
    }

    [Fact]
    public async Task The_model_card_shows_the_model_version_and_its_reliability_diagram_in_both_languages()
    {
        var (status, swedish) = await PageAsync(App);
        var (_, english) = await PageAsync(App, "?lang=en");

        Assert.Equal(200, status);
        Assert.Contains($"<code id=\"model-version\">{ApplicationUnderTest.ModelVersion}</code>", swedish);
        Assert.Contains("<h1>Modellkort</h1>", swedish);
        Assert.Contains("<h1>Model card</h1>", english);
        // The bundled model is the prior: it says so, and shows its figures on synthetic rows only.
        Assert.Contains("data-learned=\"no\"", english);
        Assert.Contains("<strong>The model is the prior</strong>: it rests on published evidence", english);
        Assert.Contains("<strong>Modellen är förhandsmodellen</strong>: den bygger på publicerad forskning", swedish);
        Assert.Contains("id=\"synthetic-figures\"", english);
        Assert.DoesNotContain("id=\"real-figures\"", english);

        var bins = (await App.Get<ExportReadiness.Application.Learning.ModelCardReader>().ReadAsync(default))!.Reliability.Count;
        Assert.True(bins > 0);
        Assert.Contains("<svg class=\"chart reliability\" role=\"img\" viewBox=\"0 0 320 320\" width=\"100%\" aria-label=\"Reliability diagram\"><title>Reliability diagram</title>", english);
        Assert.Contains("aria-label=\"Tillförlitlighetsdiagram\"", swedish);
        Assert.Equal(bins, Regex.Count(english, "<circle "));
        Assert.Contains(">share of positive outcomes</text>", english);
        Assert.Contains("<script src=\"/assets/report.js\" defer></script>", english);
        Assert.DoesNotContain("style=", english);
    }

    [Fact]
    public async Task Every_table_header_has_a_scope_and_headings_go_in_order()
    {
        var (_, html) = await PageAsync(App, "?lang=en");

        Assert.Equal(Regex.Count(html, "<th\\b"), Regex.Count(html, "<th scope=\"(?:col|row)\""));
        var headings = Regex.Matches(html, "<(h[1-6])\\b").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("h1", headings[0]);
        Assert.All(headings.Skip(1), h => Assert.Equal("h2", h));
        // An empty corner header still has a name for a screen reader.
        Assert.Contains("<th scope=\"col\"><span class=\"visually-hidden\">Scored by</span></th>", html);
    }

    [Fact]
    public async Task Without_a_published_model_the_model_card_is_a_404_saying_so()
    {
        await using var empty = new ApplicationUnderTest(publishModel: false);

        var (status, html) = await PageAsync(empty, "?lang=en");

        Assert.Equal(404, status);
        Assert.Contains("<p id=\"no-model\">No model has been published yet.</p>", html);
    }
}
