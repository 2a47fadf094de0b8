using ExportReadiness.Application.Reviews;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Testing;
using static ExportReadiness.Application.Tests.Pages.AdvisorPageReading;

namespace ExportReadiness.Application.Tests.Pages;

public sealed class AssessmentDetailPageTests : ApplicationTests
{
    [Theory]
    [InlineData("sv", "Godkänd för export", "Inte än", "tidigare Inte än")]
    [InlineData("en", "Approved for export", "Not yet", "was Not yet")]
    public async Task The_review_form_and_the_verdicts_use_the_decided_words_in_the_pages_language(string lang, string approved, string notYet, string was)
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());
        await App.ReviewAsync(id, "NotYet", note: "Vänta på prislistan");
        var first = await App.Get<IReviewStore>().GetAsync(id, default);
        var context = await App.Put($"/api/assessments/{id}/review", new { verdict = "ExportReady", note = "Klar", messageToSme = "Bra jobbat!" }).AsAdvisorAsync();
        context.WithHeader("If-Match", first!.ConcurrencyToken!);
        await (await App.Get<ReviewHandlers>().Put(id, context, default)).Result.RenderAsync(context);

        var (status, html) = await App.DetailAsync(id, lang);

        Assert.Equal(200, status);
        var form = Element(html, "review-form");
        Assert.Contains($"<input type=\"radio\" name=\"verdict\" value=\"ExportReady\" /> {approved}</label>", form);
        Assert.Contains($"<input type=\"radio\" name=\"verdict\" value=\"NotYet\" /> {notYet}</label>", form);
        Assert.Contains($"<strong>{approved}</strong> — {ApplicationUnderTest.AdvisorName}", Element(html, "current-verdict"));
        Assert.Contains($"{approved} ({was})", Element(html, "review-history"));
        Assert.Contains(">Bra jobbat!</textarea>", form);
        Assert.Contains($"<html lang=\"{lang}\">", html);
    }

    [Fact]
    public async Task Every_control_is_labelled_and_the_headings_go_in_order()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());

        var (_, html) = await App.DetailAsync(id);

        Assert.Empty(UnlabelledControls(html));
        Assert.Contains("<fieldset class=\"verdict\"><legend>Verdict</legend>", html);
        var levels = HeadingLevels(html);
        Assert.Equal(1, levels[0]);
        Assert.Single(levels, 1);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} is followed by h{pair.Second}."));
    }

    [Fact]
    public async Task The_forms_carry_the_texts_advisor_js_shows_in_the_pages_language()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());

        var (_, swedish) = await App.DetailAsync(id, "sv");
        var (_, english) = await App.DetailAsync(id, "en");

        Assert.Contains("data-not-saved=\"Kunde inte spara.\"", Element(swedish, "stage-form"));
        Assert.Contains("data-reviewed-meanwhile=\"Någon annan har granskat under tiden. Ladda om sidan.\"", Element(swedish, "review-form"));
        Assert.Contains("data-not-saved=\"Could not save.\"", Element(english, "review-form"));
        Assert.Contains("data-reviewed-meanwhile=\"Someone else reviewed meanwhile. Reload the page.\"", Element(english, "review-form"));
        Assert.Contains("<meta name=\"request-verification-token\" content=\"", english);
        Assert.Contains("<script src=\"/assets/advisor.js\" defer></script>", english);
    }

    [Fact]
    public async Task The_stage_panel_shows_the_move_with_its_note_as_text_and_offers_the_next_stage()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());
        var productId = (await App.StoredAsync(id)).ProductId;
        await App.MoveAsync(productId, "export-ready", "2026-11-20", note: "Stark <b>men</b> dyr");

        var (_, html) = await App.DetailAsync(id);

        Assert.Contains("<strong>Export-mature</strong> since 2026-11-20 (5 days) · cohort 2026", Element(html, "current-stage"));
        var rows = BodyRows(Element(html, "stage-history"));
        Assert.Equal(2, rows.Count);
        Assert.Contains("first assessment", rows[0]);
        Assert.Contains($"<td>{ApplicationUnderTest.AdvisorName}</td><td>Stark &lt;b&gt;men&lt;/b&gt; dyr</td>", rows[1]);
        Assert.Contains("<option value=\"exporting\" selected>Exporting</option>", Element(html, "stage-form"));
        Assert.Contains("<input type=\"date\" name=\"date\" value=\"2026-11-25\" max=\"2026-11-25\" required />", html);
    }

    [Fact]
    public async Task A_product_name_and_a_note_with_markup_are_shown_as_text()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong().Named("<img src=x onerror=alert(1)> AB"));
        await App.ReviewAsync(id, "ExportReady", note: "<script>alert('n')</script>", messageToSme: "<b>hej</b>");

        var (_, html) = await App.DetailAsync(id);

        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>hej</b>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; AB", Element(html, "company-name"));
        Assert.Contains("&lt;b&gt;hej&lt;/b&gt;", Element(html, "current-message"));
    }

    [Fact]
    public async Task An_unknown_assessment_is_a_404_page_with_a_way_back()
    {
        var (status, html) = await App.DetailAsync("no-such-id", "sv");

        Assert.Equal(404, status);
        Assert.Contains("<h1>Bedömningen finns inte</h1>", html);
        Assert.Contains("href=\"/advisor?lang=sv\"", html);
    }
}
