using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Pages.Sme;
using ExportReadiness.Application.Pages;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;
using Microsoft.Extensions.Localization;

namespace ExportReadiness.Application.Tests.Pages;

/// <summary>The SME's result page, its re-assessment form and what a visitor without the right token gets.</summary>
public sealed class ResultPageTests : ApplicationTests
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The level names decided for issue 18, in Swedish and English.</summary>
    public static TheoryData<ReadinessLevel, string, string> Levels => new()
    {
        { ReadinessLevel.NotReady, "Inte redo än", "Not ready yet" },
        { ReadinessLevel.Emerging, "På väg", "Emerging" },
        { ReadinessLevel.Ready, "Nästan redo", "Nearly ready" },
        { ReadinessLevel.ExportReady, "Redo för export", "Ready to export" },
    };

    private static readonly Dictionary<ReadinessLevel, string> English = Levels.ToDictionary(r => (ReadinessLevel)r[0], r => (string)r[2]);

    [Theory]
    [MemberData(nameof(Levels))]
    public void A_level_is_called_by_its_decided_name_in_both_languages(ReadinessLevel level, string swedish, string english)
    {
        var texts = App.Get<IStringLocalizer<SmeTexts>>();
        string In(string culture)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try { return texts.LevelName(level); }
            finally { CultureInfo.CurrentUICulture = previous; }
        }

        Assert.Equal(swedish, In("sv"));
        Assert.Equal(english, In("en"));
    }

    [Fact]
    public async Task The_result_page_shows_the_score_the_level_by_its_name_the_dimensions_and_the_three_gaps()
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        var result = (await App.StoredAsync(id)).Result!;
        var schema = App.Get<QuestionnaireSchema>();

        var (status, html) = await App.ResultAsync(id, token);

        Assert.Equal(200, status);
        Assert.Contains($"<div class=\"big\" id=\"readiness-score\">{result.ReadinessScore}</div>", html);
        Assert.Contains($"<div class=\"level level-{result.Level}\" id=\"readiness-level\">{English[result.Level]}</div>", html);
        Assert.Contains($"<h2>Why {result.ReadinessScore}?</h2>", html);
        Assert.Matches("<p id=\"explanation-sum\">The same company with every answer at its lowest scores <strong>[0-9.]+</strong>", html);
        var gaps = Regex.Matches(Regex.Match(html, "<ol id=\"gaps\">(.*?)</ol>", RegexOptions.Singleline).Value, "<li><strong>(.*?)</strong>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(result.TopGaps.Select(g => Encoder.Encode(schema.QuestionsById[g.QuestionId].Text.En)), gaps);
        Assert.Equal(3, gaps.Count);
        // The SME holding the token gets the plan's form (with the page's antiforgery field) and "re-assess".
        Assert.Matches($"<form method=\"post\" class=\"no-print\" id=\"action-add\" action=\"/result/{id}/actions\\?lang=en\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"[^\"]+\"", html);
        Assert.Contains($"<a class=\"button\" id=\"reassess\" href=\"/result/{id}/reassess?lang=en\">Re-assess this product</a>", html);
        Assert.DoesNotContain(token, html);
    }

    [Fact]
    public async Task A_company_or_product_name_holding_markup_is_shown_as_text_on_the_result_page()
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed().Named("<script>alert('x')</script> Gruv AB"));

        var (_, html) = await App.ResultAsync(id, token, lang: "sv");

        Assert.Contains("<p class=\"lead\" id=\"report-lead\">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Gruv AB · ", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Single(Regex.Matches(html, "<script"));  // the page's own script, report.js
        Assert.Contains("inlämnad 2026-11-25", html);
    }

    [Fact]
    public async Task A_result_still_being_scored_says_so_and_reloads_itself_without_script()
    {
        var (id, token) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        var context = App.Get($"/result/{id}?lang=en").WithHeader("Cookie", $"{SmePages.ResultTokenCookie(id)}={token}");

        var (status, html) = await (await App.Get<SmePages>().Result(id, context, default)).RenderAsync(context);

        Assert.Equal(200, status);
        Assert.Equal("2", context.Response.Headers["Refresh"].ToString());
        Assert.Contains("<p class=\"status pending\" id=\"status\">Scoring in progress – this page refreshes itself.</p>", html);
        Assert.DoesNotContain("readiness-score", html);
    }

    [Theory]
    [InlineData("invalid&field=owner", "Check the field: owner.")]
    [InlineData("added", "The action is added to the plan.")]
    [InlineData("stale", "The action had changed meanwhile; here is its new version. Change it again if needed.")]
    public async Task After_a_plan_form_the_result_page_says_what_happened(string notice, string text)
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());

        var (_, html) = await App.ResultAsync(id, token, query: $"&plan={notice}");

        Assert.Contains($"<p class=\"status no-print\" id=\"action-plan-notice\" role=\"status\">{Encoder.Encode(text)}</p>", html);
    }

    [Fact]
    public async Task A_product_reassessed_more_often_than_the_cap_compares_each_result_with_the_one_just_before()
    {
        var token = AccessToken.Create();
        var rows = Testing.Contracts.ContractData.ScoredReassessed("umea", ProductHistoryWindow.Limit + 15, AccessToken.Hash(token));
        await App.Storage.Assessments.AddManyAsync(rows, default);

        var (_, latest) = await App.ResultAsync(rows[^1].Id, token);
        var (_, older) = await App.ResultAsync(rows[5].Id, token);

        var last = rows.Count - 1;
        Assert.Contains($"Export readiness {30 + last - 1} → {30 + last} (+1) since", WebUtility.HtmlDecode(AdvisorPageReading.Element(latest, "change-overall")));
        Assert.Equal(ProductHistoryWindow.Limit - 1, Regex.Matches(AdvisorPageReading.Element(latest, "history"), "<li>").Count);
        Assert.Contains("Export readiness 34 → 35 (+1) since", WebUtility.HtmlDecode(AdvisorPageReading.Element(older, "change-overall")));
        Assert.Equal(5, Regex.Matches(AdvisorPageReading.Element(older, "history"), "<li>").Count);
    }

    [Fact]
    public async Task The_reassess_form_is_filled_in_with_the_assessments_company_product_and_every_answer()
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed().InSector("food").InRegion("SE-H").Named("Öland Must AB").InProgramme("kalmar"));
        var stored = await App.StoredAsync(id);

        var (status, html) = await App.ReassessAsync(id, token);

        Assert.Equal(200, status);
        Assert.Contains($"data-previous-assessment-id=\"{id}\" data-previous-token=\"{token}\"", html);
        Assert.Contains($"<p class=\"status\" id=\"reassess-note\">A new assessment of {Encoder.Encode(stored.Product.Name)}: the answers of 2026-11-25 are filled in.", html);
        Assert.Contains("name=\"company.name\" maxlength=\"200\" value=\"Öland Must AB\"", html);
        Assert.Contains("<option value=\"food\" selected>", html);
        Assert.Contains("<option value=\"SE-H\" selected>", html);
        Assert.Contains("name=\"programme\" maxlength=\"64\" value=\"kalmar\"", html);
        foreach (var (question, answer) in stored.Answers)
        {
            if (answer.Number is { } number)
                Assert.Matches($"name=\"answers.{question}\"[^>]* value=\"{Regex.Escape(PageFormat.N(number, "0.##"))}\"", html);
            else
                Assert.Matches($"name=\"answers.{question}\" value=\"{answer}\" data-kind=\"(choice|yesNo)\" checked", html);
        }
        Assert.Equal(stored.Answers.Count(a => a.Value.Number is null), Regex.Matches(html, "\" checked[ />]").Count);
    }

    [Fact]
    public async Task Without_the_right_token_the_result_and_the_reassess_form_are_a_not_found_page()
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());

        var wrong = await App.ResultAsync(id, "not-the-token");
        var none = await App.ResultAsync(id, null, lang: "sv");
        var reassess = await App.ReassessAsync(id, "not-the-token");
        var unknown = await App.ReassessAsync("0123456789abcdef0123456789abcdef", token, lang: "sv");

        Assert.Equal(404, wrong.Status);
        // Without the page's cookie: the form that trades a token for it (what the link's script and a person fill in).
        Assert.Contains("<h1>Open your result</h1>", wrong.Html);
        Assert.Contains($"<form id=\"open-result\" method=\"post\" action=\"/result/{id}/open?lang=en\">", wrong.Html);
        Assert.Equal(404, none.Status);
        Assert.Contains("<h1>Öppna ert resultat</h1>", none.Html);
        Assert.Equal(404, reassess.Status);
        Assert.Contains("<h1>Assessment not found</h1><p>Open your result with the link you were given first.</p>", reassess.Html);
        Assert.Equal(404, unknown.Status);
        Assert.Contains("<h1>Bedömningen hittades inte</h1>", unknown.Html);
        Assert.All(new[] { wrong.Html, none.Html, reassess.Html, unknown.Html }, html => Assert.DoesNotContain("readiness-score", html));
    }
}
