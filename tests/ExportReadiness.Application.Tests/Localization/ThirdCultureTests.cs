using System.Xml.Linq;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Localization;
using ExportReadiness.Application.Pages;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Application.Tests.Localization;

/// <summary>
/// A language is added by its resource files alone: the app's files copied to a folder with Finnish ones beside them
/// (<c>*.fi.resx</c>, a handful of texts translated), and the pages and API messages speak Finnish with no change to
/// the code; a text not yet translated reads in the default language, Swedish. Without the files, Finnish is not offered.
/// </summary>
public sealed class ThirdCultureTests : IAsyncLifetime
{
    private static readonly Question Required = QuestionnaireSchema.V1.Questions.First(q => q.Required && q.AppliesTo is null);

    private static readonly Dictionary<string, Dictionary<string, string>> Finnish = new()
    {
        [nameof(ApiTexts)] = new()
        {
            ["InvalidRequest"] = "Pyynnössä on virheellisiä kenttiä.",
            ["InvalidQuestionnaire"] = "Kyselylomakkeessa on virheellisiä tai puuttuvia vastauksia.",
            ["ValueRequired"] = "Arvo vaaditaan.",
            ["AnswerRequired"] = "Vastaus vaaditaan.",
            ["NotJson"] = "Sisältö ei ole kelvollista JSONia (rivi {0}, kohta {1}).",
        },
        [nameof(SharedTexts)] = new()
        {
            ["TryAgainTitle"] = "Yritä hetken kuluttua uudelleen",
            ["TryAgain"] = "Yritä uudelleen",
            ["SkipToContent"] = "Siirry sisältöön",
            ["NothingLost"] = "Mitään jo lähettämääsi ei ole kadonnut. Lataa sivu uudelleen {0} sekunnin kuluttua.",
        },
        [nameof(SmeTexts)] = new()
        {
            ["FormHeading"] = "Onko tuotteenne valmis vientiin?",
            ["ClearDraft"] = "Tyhjennä luonnokseni",
        },
        [nameof(AdvisorTexts)] = new()
        {
            ["SignIn"] = "Kirjaudu sisään",
            ["Advisors"] = "Neuvojat",
        },
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("exportreadiness-texts-").FullName;
    private ApplicationUnderTest _finnish = default!;
    private readonly ApplicationUnderTest _shipped = new();

    public Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Resources"), "*.resx"))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        foreach (var (set, texts) in Finnish)
            new XDocument(new XElement("root", texts.Select(t =>
                new XElement("data", new XAttribute("name", t.Key), new XAttribute(XNamespace.Xml + "space", "preserve"), new XElement("value", t.Value)))))
                .Save(Path.Combine(_folder, $"{set}.fi.resx"));
        _finnish = new ApplicationUnderTest(new Dictionary<string, string?> { [$"{TextOptions.Section}:{nameof(TextOptions.ResourcesPath)}"] = _folder });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _finnish.DisposeAsync();
        await _shipped.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Status, IDictionary<string, string[]> Errors, string? Title)> SubmitIncompleteAsync(ApplicationUnderTest app, string target, string? acceptLanguage)
    {
        var context = app.Request(HttpMethods.Post, target, AssessmentBuilder.Strong().Without(Required.Id).WithEmployees("many").ToJsonString());
        if (acceptLanguage is not null) context.WithHeader("Accept-Language", acceptLanguage);
        return (await app.Get<AssessmentHandlers>().Submit(context.Request, default)).Result.Problem();
    }

    [Theory]
    [InlineData("/api/assessments", "fi-FI,fi;q=0.9,en;q=0.5")]
    [InlineData("/api/assessments?lang=fi", "en")]
    public async Task A_bad_submission_asked_for_in_finnish_gets_finnish_words_and_swedish_where_none_is_translated(string target, string acceptLanguage)
    {
        var (status, errors, title) = await SubmitIncompleteAsync(_finnish, target, acceptLanguage);

        Assert.Equal(400, status);
        Assert.Equal("Kyselylomakkeessa on virheellisiä tai puuttuvia vastauksia.", title);
        Assert.Equal(["Vastaus vaaditaan."], errors["answers." + Required.Id]);
        Assert.Equal(["Förväntade ett tal."], errors["company.employees"]);
    }

    [Fact]
    public async Task A_finnish_message_with_values_writes_them_into_its_own_placeholders()
    {
        var context = _finnish.Request(HttpMethods.Post, "/api/assessments?lang=fi", "{\"schemaVersion\":");

        var (status, errors, title) = (await _finnish.Get<AssessmentHandlers>().Submit(context.Request, default)).Result.Problem();

        Assert.Equal(400, status);
        Assert.Equal("Pyynnössä on virheellisiä kenttiä.", title);
        Assert.StartsWith("Sisältö ei ole kelvollista JSONia (rivi 1, kohta ", errors["$"].Single());
    }

    [Fact]
    public async Task A_page_asked_for_in_finnish_is_finnish_offers_suomi_beside_svenska_and_english_and_falls_back_to_swedish()
    {
        var context = _finnish.Get("/advisor?lang=fi");

        var (status, html) = await Unavailable.For(context.Request, Unavailable.Reason.Overloaded, 7).RenderAsync(context);

        Assert.Equal(503, status);
        Assert.Contains("<html lang=\"fi\">", html);
        Assert.Contains("<title>Yritä hetken kuluttua uudelleen · ExportReadiness</title>", html);
        Assert.Contains(">Siirry sisältöön</a>", html);
        Assert.Contains("Lataa sivu uudelleen 7 sekunnin kuluttua.", html);
        Assert.Contains(">Yritä uudelleen</a>", html);
        Assert.Contains("Tjänsten har just nu fler förfrågningar än den hinner med.", html);
        Assert.Contains("href=\"/advisor?lang=fi\" class=\"lang\" lang=\"fi\" hreflang=\"fi\">Suomi</a>", html);
        Assert.Contains(">Svenska</a>", html);
        Assert.Contains(">English</a>", html);
        Assert.Contains("lang=fi", context.Response.Headers.SetCookie.ToString());
    }

    [Fact]
    public async Task The_questionnaire_and_the_advisor_sign_in_follow_a_finnish_browser_with_swedish_where_no_finnish_text_is()
    {
        var form = _finnish.Get("/").WithHeader("Accept-Language", "fi-FI, en;q=0.5");
        var (_, formHtml) = await _finnish.Get<SmePages>().Form(form.Request).RenderAsync(form);

        Assert.Contains("<html lang=\"fi\">", formHtml);
        Assert.Contains("<h1>Onko tuotteenne valmis vientiin?</h1>", formHtml);
        Assert.Contains(">Tyhjennä luonnokseni</button>", formHtml);
        Assert.Contains("Besvara frågorna om en produkt.", formHtml); // FormLead has no Finnish text yet
        Assert.Contains("data-lang=\"fi\"", formHtml); // form.js asks the API in the page's language

        var signIn = _finnish.Get("/advisor/login?lang=fi");
        var (_, signInHtml) = await _finnish.Get<AdvisorSignIn>().Form(signIn.Request).RenderAsync(signIn);

        Assert.Contains("<title>Kirjaudu sisään · ExportReadiness</title>", signInHtml);
        Assert.Contains("<h1>Neuvojat</h1>", signInHtml);
    }

    [Fact]
    public async Task With_the_shipped_files_finnish_is_not_offered_so_a_page_stays_swedish_and_the_api_english()
    {
        var page = _shipped.Get("/advisor?lang=fi");
        var (_, html) = await Unavailable.For(page.Request, Unavailable.Reason.Overloaded, 7).RenderAsync(page);
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("Försök igen om en stund", html);
        Assert.DoesNotContain("Suomi", html);

        var (_, errors, title) = await SubmitIncompleteAsync(_shipped, "/api/assessments?lang=fi", "fi");
        Assert.Equal("The questionnaire has invalid or missing answers.", title);
        Assert.Equal(["An answer is required."], errors["answers." + Required.Id]);
        Assert.Equal(["sv", "en"], _shipped.Get<TextCatalog>().Languages.Select(c => c.Name));
        Assert.Equal(["sv", "en", "fi"], _finnish.Get<TextCatalog>().Languages.Select(c => c.Name));
    }
}
