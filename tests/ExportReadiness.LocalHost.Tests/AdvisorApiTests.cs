using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

[Collection(PipelineCollection.Name)]
public class AdvisorApiTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    [Fact]
    public async Task Advisor_endpoints_answer_401_without_a_valid_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync("/api/assessments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync("/api/reports/portfolio")).StatusCode);
        var wrongKey = pipeline.App.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("x-functions-key", "not-the-key");
        var response = await wrongKey.GetAsync("/api/reports/portfolio.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task The_portfolio_csv_has_a_bom_dimension_columns_and_swedish_characters()
    {
        var programme = Unique.Programme("csv");
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Åsele Älgskinn & Öl AB, \"Norr\""));
        await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        var response = await _advisor.GetAsync($"/api/reports/portfolio.csv?programme={programme}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,previousAssessmentId,status,submittedAt,readinessScore,level", lines[0]);
        Assert.Contains("dimension_management", lines[0]);
        Assert.Contains("\"Åsele Älgskinn & Öl AB, \"\"Norr\"\"\"", lines[1]);
        Assert.StartsWith(accepted.Id + ",,Scored,", lines[1]); // a first assessment re-assesses nothing
    }

    [Fact]
    public async Task The_csv_of_a_programme_named_with_swedish_letters_downloads_and_defuses_formulas()
    {
        var programme = Unique.Programme("Umeå");
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("=HYPERLINK(\"http://x\",\"Klicka\")"));
        await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        var response = await _advisor.GetAsync($"/api/reports/portfolio.csv?programme={Uri.EscapeDataString(programme)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"portfolio-{programme}.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        var row = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Split("\r\n")[1];
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"Klicka\"\")\"", row);
    }

    [Fact]
    public async Task A_company_name_with_a_script_tag_is_escaped_on_every_page()
    {
        var programme = Unique.Programme("xss");
        const string name = "<script>alert('x')</script> Gruv AB";
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme).Named(name));
        await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        string[] pages = [$"/result/{accepted.Id}", $"/advisor?programme={programme}", $"/advisor/assessments/{accepted.Id}"];
        foreach (var page in pages)
        {
            var html = await _advisor.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Gruv AB", html);
        }
    }
}
