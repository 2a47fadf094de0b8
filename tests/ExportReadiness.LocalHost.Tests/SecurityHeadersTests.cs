using System.Text.RegularExpressions;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Every answer carries the security headers; private ones are never cached; pages hold no inline script.</summary>
[Collection(PipelineCollection.Name)]
public partial class SecurityHeadersTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task Pages_and_api_answers_forbid_framing_sniffing_inline_script_and_caching()
    {
        var sme = pipeline.App.CreateClient();
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("headers")));
        await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        var advisor = pipeline.App.CreateAdvisorClient();

        foreach (var (client, path) in new[]
        {
            (sme, "/"), (sme, $"/result/{accepted.Id}"), (sme, "/advisor"), (advisor, "/advisor"),
            (advisor, $"/advisor/assessments/{accepted.Id}"), (sme, "/api/questionnaire"), (sme, $"/api/assessments/{accepted.Id}"), (advisor, "/api/reports/portfolio"),
        })
        {
            var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be cached");
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotMatch(InlineScript(), html);
                Assert.DoesNotContain(" onclick=", html);
            }
        }

        var asset = await sme.GetAsync("/assets/site.css");
        Assert.Equal("nosniff", asset.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotEqual(true, asset.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Https_answers_carry_strict_transport_security_and_plain_http_answers_do_not()
    {
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:Standalone"] = "false",
            ["ExportReadiness:TrustedFrontEnd"] = "true",
        });
        HttpRequestMessage Get(string? proto)
        {
            // The site's public name, as the front end passes it on: loopback names never get HSTS (it would pin every local app).
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/questionnaire") { Headers = { Host = "exportreadiness.example" } };
            if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
            return request;
        }

        var secure = await app.CreateClient().SendAsync(Get("https"));
        var hsts = Assert.Single(secure.Headers.GetValues("Strict-Transport-Security"));
        Assert.Matches("^max-age=[1-9][0-9]{6,}", hsts); // at least months, as browsers' preload lists ask
        Assert.False((await app.CreateClient().SendAsync(Get(null))).Headers.Contains("Strict-Transport-Security"));
        // A client's own claim of https, where no trusted front end is in front, is not an https answer.
        Assert.False((await pipeline.App.CreateClient().SendAsync(Get("https"))).Headers.Contains("Strict-Transport-Security"));
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
