using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Access;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Advisors sign in as themselves: with their own key, or through App Service Authentication where the app trusts it.</summary>
[Collection(PipelineCollection.Name)]
public class AdvisorIdentityTests(PipelineFixture pipeline)
{
    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> ReviewAsync(HttpClient client, string id, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{id}/review") { Content = Json(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static HttpClient WithPrincipal(HttpClient client, string name, params string[] roles)
    {
        client.DefaultRequestHeaders.Add(AppServicePrincipal.Header, AppServicePrincipal.Encode(name, roles));
        return client;
    }

    [Fact]
    public async Task A_review_records_the_advisor_whose_key_signed_it_not_a_name_in_the_body()
    {
        var sme = pipeline.App.CreateClient();
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("identity")));

        var first = await ReviewAsync(pipeline.App.CreateAdvisorClient(), accepted.Id, new { verdict = "NotYet", note = "Plan first.", advisor = "Somebody Else" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await ReviewAsync(pipeline.App.CreateAdvisorClient(ExportReadinessApplication.OtherAdvisorKey), accepted.Id,
            new { verdict = "ExportReady", note = "Plan done." }, first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var view = JsonDocument.Parse(await pipeline.App.CreateAdvisorClient().GetStringAsync($"/api/assessments/{accepted.Id}/review")).RootElement;
        Assert.Equal(ExportReadinessApplication.OtherAdvisorName, view.GetProperty("current").GetProperty("advisor").GetString());
        var advisors = view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("advisor").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([ExportReadinessApplication.AdvisorName, ExportReadinessApplication.OtherAdvisorName], advisors);
    }

    [Fact]
    public async Task An_app_service_principal_is_ignored_unless_the_app_is_told_the_platform_is_in_front()
    {
        var forged = WithPrincipal(pipeline.App.CreateClient(), "mallory@example.com", "Advisor");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/assessments")).StatusCode);
    }

    [Fact]
    public async Task An_app_service_principal_is_ignored_with_a_warning_when_the_platform_does_not_say_its_authentication_is_on()
    {
        // The setting left on after App Service Authentication was switched off: the platform no longer strips the
        // header, so anyone could claim to be an advisor. Without WEBSITE_AUTH_ENABLED the header is not read.
        var logs = new CapturedLogs();
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:AppServiceAuthentication"] = "true",
            ["ExportReadiness:Standalone"] = "false",
        }, logs);

        var forged = WithPrincipal(app.CreateClient(), "mallory@example.com", "Advisor");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/assessments")).StatusCode);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(AppServiceAuthentication.PlatformVariable, StringComparison.Ordinal));
        // The sign-in page does not offer a platform sign-in that is not there.
        Assert.DoesNotContain("/.auth/login/aad", await (await app.CreateClient().GetAsync("/advisor?lang=en")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_app_service_authentication_a_user_with_the_advisor_role_is_an_advisor_and_others_are_forbidden()
    {
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:AppServiceAuthentication"] = "true",
            [AppServiceAuthentication.PlatformVariable] = "True", // as App Service sets it while its authentication is on
            ["ExportReadiness:Standalone"] = "false",
        });
        var programme = Unique.Programme("easy-auth");
        var accepted = await app.CreateClient().SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme));

        var advisor = WithPrincipal(app.CreateClient(), "karin.ek@region.example", "Advisor");
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync($"/api/assessments?programme={programme}")).StatusCode);
        // The platform's sign-in is a cookie the browser sends by itself: a change needs the page's antiforgery token too.
        Assert.Equal(HttpStatusCode.BadRequest, (await ReviewAsync(advisor, accepted.Id, new { verdict = "ExportReady", note = "Forged." })).StatusCode);
        using var browser = app.CreateSessionClient();
        browser.Headers.Add(AppServicePrincipal.Header, AppServicePrincipal.Encode("karin.ek@region.example", "Advisor"));
        var review = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{accepted.Id}/review") { Content = Json(new { verdict = "ExportReady", note = "Seen at the fair." }) };
        review.Headers.Add(AdvisorAntiforgery.HeaderName, await browser.TokenFromAsync($"/advisor/assessments/{accepted.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(review)).StatusCode);
        var recorded = JsonDocument.Parse(await advisor.GetStringAsync($"/api/assessments/{accepted.Id}/review")).RootElement;
        Assert.Equal("karin.ek@region.example", recorded.GetProperty("current").GetProperty("advisor").GetString());
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync($"/advisor/assessments/{accepted.Id}")).StatusCode);

        var someoneElse = WithPrincipal(app.CreateClient(), "visitor@example.com");
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.GetAsync("/api/assessments")).StatusCode);
        // The sign-in page offers the platform's sign-in, and keys keep working beside it.
        var signIn = await app.CreateClient().GetAsync("/advisor?lang=en");
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Contains("/.auth/login/aad?post_login_redirect_uri=", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAdvisorClient().GetAsync($"/api/assessments?programme={programme}")).StatusCode);
    }
}
