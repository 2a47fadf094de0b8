using ExportReadiness.Application.Localization;
using Microsoft.Net.Http.Headers;

namespace ExportReadiness.Application.Tests.Localization;

/// <summary>
/// One rule chooses the language of pages and API answers alike: <c>?lang=</c>, then the <c>lang</c> cookie, then
/// <c>Accept-Language</c>, among the languages with resource files; with none of them a page is Swedish and the API English.
/// </summary>
public sealed class RequestLanguageTests : ApplicationTests
{
    private TextCatalog Catalog => App.Get<TextCatalog>();

    private static IList<StringWithQualityHeaderValue> Ranges(string header) =>
        StringWithQualityHeaderValue.TryParseList([header], out var parsed) ? parsed : [];

    [Theory]
    [InlineData("sv", "sv")]
    [InlineData("sv-SE", "sv")]
    [InlineData("SV-fi", "sv")]
    [InlineData("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", "sv")]
    [InlineData("de-DE, sv;q=0.5, en;q=0.4", "sv")]
    [InlineData("en;q=0.5, sv;q=0.8", "sv")]
    [InlineData("en-US,en;q=0.9,sv;q=0.8", "en")]
    [InlineData("sv;q=0, en;q=0.1", "en")]
    public void The_header_gives_the_first_language_on_offer_in_the_clients_preference(string header, string expected)
    {
        Assert.Equal(expected, RequestLanguage.Preferred(Catalog, Ranges(header))?.Name);
    }

    [Theory]
    [InlineData("sv;q=0")]
    [InlineData("de")]
    [InlineData("de-DE, fr;q=0.8, *;q=0.5")]
    [InlineData("*")]
    [InlineData("")]
    public void A_header_naming_no_language_on_offer_has_no_preference(string header)
    {
        Assert.Null(RequestLanguage.Preferred(Catalog, Ranges(header)));
    }

    [Theory]
    [InlineData("/api/assessments", null, null, "sv", "en")]
    [InlineData("/api/assessments", null, "de-DE, fr;q=0.8", "sv", "en")]
    [InlineData("/api/assessments", null, "sv-SE", "sv", "sv")]
    [InlineData("/api/assessments", "en", "sv-SE", "en", "en")]
    [InlineData("/api/assessments?lang=sv", "en", "en", "sv", "sv")]
    [InlineData("/api/assessments?lang=xx", "en", "sv", "en", "en")]
    [InlineData("/api/assessments?lang=en-GB", null, "sv", "en", "en")]
    public void The_query_wins_over_the_cookie_which_wins_over_the_header_and_only_the_fallback_differs(
        string target, string? cookie, string? acceptLanguage, string page, string api)
    {
        var request = App.Get(target).Request;
        if (cookie is not null) request.Headers.Cookie = $"{RequestLanguage.Cookie}={cookie}";
        if (acceptLanguage is not null) request.Headers.AcceptLanguage = acceptLanguage;

        Assert.Equal((page, api), (RequestLanguage.Of(request).Name, RequestLanguage.OfApi(request).Name));
    }

    [Fact]
    public void The_api_messages_of_a_request_are_in_its_language()
    {
        var swedish = App.Get("/api/assessments").WithHeader("Accept-Language", "sv-SE").Request;
        var english = App.Get("/api/assessments").Request;

        Assert.Equal("Ett svar krävs.", ApiMessages.Of(swedish).Text(Core.Localization.Messages.AnswerRequired));
        Assert.Equal("An answer is required.", ApiMessages.Of(english).Text(Core.Localization.Messages.AnswerRequired));
        Assert.Equal("Ett heltal från 1 till 100.", ApiMessages.Of(swedish).Text(Core.Localization.Messages.WholeNumberBetween(1, 100)));
    }

    [Fact]
    public void A_message_without_words_in_any_file_is_an_error_not_its_key_sent_to_a_client()
    {
        var texts = ApiMessages.Of(App.Get("/api/assessments").Request);

        Assert.Throws<KeyNotFoundException>(() => texts.Text(new Core.Localization.Message("NoSuchMessage")));
    }
}
