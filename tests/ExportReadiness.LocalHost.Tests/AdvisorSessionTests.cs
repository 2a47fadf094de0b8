using System.Net;
using System.Text;
using ExportReadiness.Application.Access;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Signing in on the page gives a session cookie, not the key: protected, __Host- prefixed, Secure, HttpOnly, SameSite=Strict,
/// ended for every copy at sign-out; and every change made with it needs the page's antiforgery token.
/// </summary>
[Collection(PipelineCollection.Name)]
public class AdvisorSessionTests(PipelineFixture pipeline)
{
    private static string SessionLine(AdvisorSessionClient client) =>
        Assert.Single(client.LastSetCookies, c => c.StartsWith(AdvisorSessionCookie.CookieName + "=", StringComparison.Ordinal));

    private static HttpRequestMessage Json(HttpMethod method, string url, string json = "{}") =>
        new(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task Signing_in_sets_a_host_prefixed_secure_http_only_same_site_strict_session_cookie_that_never_holds_the_key()
    {
        using var advisor = pipeline.App.CreateSessionClient();
        // A browser that signed in before the session cookie still holds the raw key in the legacy cookie.
        advisor.Cookies[AdvisorKeys.LegacyCookie] = ExportReadinessApplication.AdvisorKey;
        var signedIn = await advisor.SignInAsync();

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var line = SessionLine(advisor).ToLowerInvariant();
        Assert.Contains("; httponly", line);
        Assert.Contains("; samesite=strict", line);
        // __Host-: Secure, Path=/ and no Domain, so no sibling site or plain-http page can set or overwrite it.
        Assert.StartsWith("__host-", line);
        Assert.Contains("; path=/;", line + ";");
        Assert.Contains("; secure", line);
        Assert.DoesNotContain("domain=", line);
        using var fresh = pipeline.App.CreateSessionClient();
        await fresh.GetAsync("/advisor/login");
        var antiforgery = Assert.Single(fresh.LastSetCookies, c => c.StartsWith(AdvisorAntiforgery.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.StartsWith("__host-", antiforgery);
        Assert.Contains("; secure", antiforgery);
        Assert.DoesNotContain("domain=", antiforgery);
        Assert.DoesNotContain("expires=", line); // a browser-session cookie: gone when the browser closes
        // Signing in deletes it: an expired, empty cookie of that name, which the browser drops.
        var legacy = Assert.Single(advisor.LastSetCookies, c => c.StartsWith(AdvisorKeys.LegacyCookie + "=;", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("expires=thu, 01 jan 1970", legacy);
        Assert.Contains("; path=/", legacy);
        Assert.DoesNotContain(AdvisorKeys.LegacyCookie, advisor.Cookies.Keys);
        Assert.DoesNotContain(advisor.Cookies.Values, v => v.Contains(ExportReadinessApplication.AdvisorKey, StringComparison.Ordinal));
        Assert.DoesNotContain(advisor.Cookies.Values, v => Uri.UnescapeDataString(v).Contains(ExportReadinessApplication.AdvisorKey, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync("/advisor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync("/api/assessments?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_is_refused_after_sign_out()
    {
        using var advisor = pipeline.App.CreateSessionClient();
        await advisor.SignInAsync();
        var copied = advisor.Session!;

        Assert.Equal(HttpStatusCode.Redirect, (await advisor.SignOutAsync()).StatusCode);
        Assert.Null(advisor.Session); // the browser's own copy is deleted

        using var thief = pipeline.App.CreateSessionClient();
        thief.Cookies[AdvisorSessionCookie.CookieName] = copied;
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/assessments?pageSize=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/advisor")).StatusCode);
    }

    [Fact]
    public async Task A_change_made_with_the_session_cookie_but_without_the_pages_token_is_a_400_problem_naming_the_token()
    {
        using var advisor = pipeline.App.CreateSessionClient();
        await advisor.SignInAsync();
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("csrf")));

        foreach (var request in new[]
        {
            Json(HttpMethod.Put, $"/api/assessments/{accepted.Id}/review", """{"verdict":"ExportReady","note":"forged"}"""),
            Json(HttpMethod.Post, "/api/admin/rescore"),
            new HttpRequestMessage(HttpMethod.Post, "/api/batches") { Content = new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/csv") },
            new HttpRequestMessage(HttpMethod.Post, "/api/validation?format=batch") { Content = new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/csv") },
        })
        {
            var response = await advisor.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.Contains(AdvisorAntiforgery.HeaderName, problem.GetProperty("detail").GetString());
        }
        Assert.Null((await pipeline.App.CreateAdvisorClient().GetAssessmentAsync(accepted.Id, null))!.Review);

        // The same change with the token the advisor's page carries goes through.
        var token = await advisor.TokenFromAsync($"/advisor/assessments/{accepted.Id}");
        var review = Json(HttpMethod.Put, $"/api/assessments/{accepted.Id}/review", """{"verdict":"ExportReady","note":"from the page"}""");
        review.Headers.Add(AdvisorAntiforgery.HeaderName, token);
        Assert.Equal(HttpStatusCode.OK, (await advisor.SendAsync(review)).StatusCode);
    }

    [Fact]
    public async Task An_api_client_with_the_key_header_needs_no_antiforgery_token()
    {
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("csrf-key")));
        var response = await pipeline.App.CreateAdvisorClient().SendAsync(Json(HttpMethod.Put, $"/api/assessments/{accepted.Id}/review", """{"verdict":"NotYet","note":"by key"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_or_out_without_the_forms_token_is_refused()
    {
        using var stranger = pipeline.App.CreateSessionClient();
        var forgedSignIn = await stranger.PostFormAsync("/advisor/login", new Dictionary<string, string> { ["key"] = ExportReadinessApplication.AdvisorKey });
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignIn.StatusCode);
        Assert.Null(stranger.Session);

        using var advisor = pipeline.App.CreateSessionClient();
        await advisor.SignInAsync();
        var forgedSignOut = await advisor.PostFormAsync("/advisor/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await advisor.GetAsync("/advisor")).StatusCode); // still signed in
    }

    [Fact]
    public async Task A_session_cookie_from_one_instance_is_accepted_by_another_sharing_the_storage_account()
    {
        // The data-protection keys live in blob storage, so any instance reads any instance's cookie.
        await using var other = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" });
        other.StartServer();
        using var advisor = pipeline.App.CreateSessionClient();
        await advisor.SignInAsync();

        using var elsewhere = other.CreateSessionClient();
        elsewhere.Cookies[AdvisorSessionCookie.CookieName] = advisor.Session!;
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/assessments?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task Removing_or_rotating_a_key_ends_the_sessions_it_opened()
    {
        // Two sessions opened with today's keys; then an instance whose settings rotated Anna's key and removed Erik's
        // (a change of app settings restarts the app with them, on the same storage and key ring).
        using var anna = pipeline.App.CreateSessionClient();
        await anna.SignInAsync();
        using var erik = pipeline.App.CreateSessionClient();
        await erik.SignInAsync(ExportReadinessApplication.OtherAdvisorKey);
        const string rotated = "rotated-advisor-key-0123456789";
        await using var changed = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:Standalone"] = "false",
            ["ExportReadiness:AdvisorApiKeys"] = $"{ExportReadinessApplication.AdvisorName}:{rotated}",
        });
        changed.StartServer();

        foreach (var opened in new[] { anna, erik })
        {
            using var browser = changed.CreateSessionClient();
            browser.Cookies[AdvisorSessionCookie.CookieName] = opened.Session!;
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/assessments?pageSize=1")).StatusCode);
            Assert.Null(browser.Session); // signed out as an expired session is: the browser is told to drop the cookie
        }
        // The rotated key opens sessions of its own there, and the old instance, whose keys did not change, keeps its sessions.
        using var again = changed.CreateSessionClient();
        await again.SignInAsync(rotated);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/assessments?pageSize=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync("/api/assessments?pageSize=1")).StatusCode);
    }
}
