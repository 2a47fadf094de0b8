using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Application.Tests.Pages;

/// <summary>The questionnaire form as it leaves the server: every control named for assistive technology, in both languages.</summary>
public sealed class FormPageTests : ApplicationTests
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private QuestionnaireSchema Schema => App.Get<QuestionnaireSchema>();

    private static string E(string text) => Encoder.Encode(text);

    [Theory]
    [InlineData("sv")]
    [InlineData("en")]
    public async Task The_form_labels_every_number_input_with_its_question_and_names_every_radio_group_by_its_question(string lang)
    {
        var (status, html) = await App.FormAsync(lang);

        Assert.Equal(200, status);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        var numbers = Schema.Questions.Where(q => q.Type == QuestionType.Number).ToList();
        Assert.Equal(6, numbers.Count);
        foreach (var q in numbers)
        {
            Assert.Matches($"<label class=\"question-text\" for=\"q-{q.Id}\">{Regex.Escape(E(q.Text.In(lang)))}", html);
            Assert.Matches($"<input type=\"number\" id=\"q-{q.Id}\" name=\"answers.{q.Id}\"[^>]* aria-describedby=\"q-{q.Id}-unit q-{q.Id}-error\"", html);
            Assert.Contains($"<span class=\"unit\" id=\"q-{q.Id}-unit\">{E(q.Unit!.In(lang))}</span>", html);
        }
        foreach (var q in Schema.Questions.Where(q => q.Type != QuestionType.Number))
            Assert.Matches($"<fieldset class=\"question field\" data-field=\"answers.{q.Id}\"[^>]* aria-describedby=\"q-{q.Id}-error\"><legend class=\"question-text\">{Regex.Escape(E(q.Text.In(lang)))}", html);
        foreach (var f in Schema.Context)
        {
            var id = "field-" + f.Id.Replace('.', '-');
            Assert.Contains($"<label for=\"{id}\">{E(f.Label.In(lang))}</label>", html);
            Assert.Matches($"<(input|select|textarea) [^>]*id=\"{id}\" name=\"{Regex.Escape(f.Id)}\"", html);
        }
        // Every control that is not a radio (a radio's label wraps it) has a label pointing at it.
        var ids = Regex.Matches(html, "<(?:input|select|textarea) (?![^>]*type=\"radio\")[^>]*id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6 + Schema.Context.Count, ids.Count);
        Assert.All(ids, id => Assert.Matches($"<label [^>]*for=\"{id}\"", html));
    }

    [Fact]
    public async Task Required_questions_are_marked_required_optional_ones_say_so_and_error_messages_describe_their_controls()
    {
        var (_, html) = await App.FormAsync("en");

        foreach (var q in Schema.Questions)
        {
            var inputs = Regex.Matches(html, $"<input [^>]*name=\"answers.{q.Id}\"[^>]*>").Select(m => m.Value).ToList();
            Assert.NotEmpty(inputs);
            Assert.All(inputs, input => Assert.Equal(q.Required, Regex.IsMatch(input, @" required[ />]")));
            Assert.Contains($"<small class=\"error\" id=\"q-{q.Id}-error\"></small>", html);
            var legendOrLabel = Regex.Match(html, $"for=\"q-{q.Id}\">(.*?)</label>|data-field=\"answers.{q.Id}\"[^>]*><legend class=\"question-text\">(.*?)</legend>");
            Assert.Equal(!q.Required, legendOrLabel.Value.Contains("<em>(optional)</em>", StringComparison.Ordinal));
        }
        Assert.Contains("novalidate", html); // form.js validates through the API; the browser's bubbles stay off
    }

    [Theory]
    [InlineData("sv", "besvarade", "{0} fält behöver rättas.", "Ert utkast är återställt", "Rensa mitt utkast", "Formulärets delar")]
    [InlineData("en", "answered", "{0} fields need fixing.", "Your draft was restored", "Clear my draft", "Parts of the form")]
    public async Task The_texts_the_script_shows_come_from_the_page_in_its_language(string lang, string answered, string toFix, string restored, string clear, string parts)
    {
        var (_, html) = await App.FormAsync(lang);

        Assert.Contains($"data-text-answered=\"{answered}\"", html);
        Assert.Contains($"data-text-fields-to-fix=\"{E(toFix)}\"", html);
        Assert.Matches($"<div class=\"status draft-note\" id=\"draft-note\" role=\"status\" hidden><p><strong>{restored}</strong>", html);
        Assert.Contains($"<button type=\"button\" id=\"draft-clear\">{clear}</button>", html);
        Assert.Contains($"<p id=\"form-parts-title\">{E(parts)}</p>", html);
    }

    [Fact]
    public async Task The_list_of_parts_links_to_the_company_fields_and_to_every_dimension()
    {
        var (_, html) = await App.FormAsync("en");

        var links = Regex.Matches(html, "<a href=\"#([^\"]+)\" data-part=\"\\1\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["company-product", .. Schema.Dimensions.Select(d => $"dimension-{d.Id}")], links);
        Assert.All(links, id => Assert.Contains($"<fieldset id=\"{id}\"", html.Replace("<fieldset class=\"dimension\" id=", "<fieldset id=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_new_assessment_form_is_empty_and_links_to_no_earlier_assessment()
    {
        var (_, html) = await App.FormAsync("en");

        Assert.DoesNotContain("data-previous-assessment-id", html);
        Assert.DoesNotContain("data-previous-token", html);
        Assert.DoesNotMatch("\" checked[ />]", html);
        Assert.DoesNotContain("reassess-note", html);
        Assert.Contains("<script src=\"/assets/form.js\" defer></script>", html);
    }
}
