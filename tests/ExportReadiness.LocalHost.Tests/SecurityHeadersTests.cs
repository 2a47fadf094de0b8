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

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
