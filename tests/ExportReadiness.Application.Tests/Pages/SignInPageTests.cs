using ExportReadiness.Application.Access;
using ExportReadiness.Application.Pages;
using ExportReadiness.Application.Pages.Advisor;
using Microsoft.AspNetCore.Authentication;

namespace ExportReadiness.Application.Tests.Pages;

public sealed class SignInPageTests : ApplicationTests
{
    [Theory]
    [InlineData(SignInError.WrongKey, 401, "en", "Wrong key.")]
    [InlineData(SignInError.TooManyWrongKeys, 429, "sv", "För många felaktiga nycklar. Försök igen om en minut.")]
    [InlineData(SignInError.FormExpired, 400, "en", "The form had expired. Sign in again.")]
    public async Task The_sign_in_page_shows_the_error_it_is_given_with_its_status(SignInError error, int expectedStatus, string lang, string text)
    {
        var context = App.Get($"/advisor/login?lang={lang}");

        var (status, html) = await AdvisorPages.SignIn(error, expectedStatus).RenderAsync(context);

        Assert.Equal(expectedStatus, status);
        Assert.Contains($"<p class=\"form-errors\" role=\"alert\" id=\"sign-in-error\">{text}</p>", html);
        Assert.Contains($"<form method=\"post\" action=\"/advisor/login?lang={lang}\"><input type=\"hidden\" name=\"{AdvisorAntiforgery.FormFieldName}\" value=\"", html);
        Assert.DoesNotContain("entra-sign-in", html);
        Assert.Empty(AdvisorPageReading.UnlabelledControls(html));
    }

    [Fact]
    public async Task A_sign_in_post_without_the_forms_token_answers_400_with_the_form_again()
    {
        var context = App.Request(HttpMethods.Post, "/advisor/login?lang=en", "key=" + ApplicationUnderTest.AdvisorKey, "application/x-www-form-urlencoded");

        var (status, html) = await (await App.Get<AdvisorSignIn>().SignIn(context)).RenderAsync(context);

        Assert.Equal(400, status);
        Assert.Contains("The form had expired. Sign in again.", html);
        Assert.Contains("name=\"key\"", html);
    }

    [Fact]
    public async Task Behind_App_Service_Authentication_the_page_offers_Entra_ID_first_returning_to_the_dashboard()
    {
        var context = App.Get("/advisor/login?lang=en");

        var (status, html) = await AdvisorPages.SignIn(status: 200, appServiceSignIn: true).RenderAsync(context);

        Assert.Equal(200, status);
        Assert.Contains("<a class=\"button primary\" id=\"entra-sign-in\" href=\"/.auth/login/aad?post_login_redirect_uri=%2Fadvisor%3Flang%3Den\">Sign in with Microsoft</a>", html);
        Assert.Contains("or with an advisor key:", html);
        Assert.True(html.IndexOf("entra-sign-in", StringComparison.Ordinal) < html.IndexOf("name=\"key\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_request_without_an_advisor_is_answered_with_the_sign_in_form_and_401()
    {
        var context = App.Get("/advisor?lang=sv");

        await context.ChallengeAsync(AdvisorAuthentication.SchemeName);
        context.Response.Body.Position = 0;
        var html = await new StreamReader(context.Response.Body).ReadToEndAsync();

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Contains("<h1>Rådgivare</h1>", html);
        Assert.Contains("<span>API-nyckel</span>", html);
    }

    [Fact]
    public async Task A_sign_out_without_the_forms_token_is_refused_with_a_400_page_and_a_way_back()
    {
        var context = App.Request(HttpMethods.Post, "/advisor/logout?lang=en", "", "application/x-www-form-urlencoded");

        var (status, html) = await (await App.Get<AdvisorSignIn>().SignOut(context)).RenderAsync(context);

        Assert.Equal(400, status);
        Assert.Contains("<h1>The sign-out did not come from this site&#x27;s page</h1>", html);
        Assert.Contains("<a href=\"/advisor?lang=en\">Back to the portfolio</a>", html);
    }
}
