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

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PutReviewAsync(string id, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{id}/review") { Content = Json(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _advisor.SendAsync(request);
    }

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
    public async Task A_stale_review_version_is_refused_with_412_and_history_is_kept()
    {
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("reviews")));
        await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);

        var first = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", note = "Needs an export plan." }, null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var version1 = first.Headers.ETag!.Tag;

        var second = await PutReviewAsync(accepted.Id, new { verdict = "ExportReady", note = "Plan in place now." }, version1);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var stale = await PutReviewAsync(accepted.Id, new { verdict = "NotYet", note = "Late edit" }, version1);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await stale.ProblemAsync();
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutReviewAsync(accepted.Id, new { verdict = "NotYet" }, null)).StatusCode);

        var view = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments/{accepted.Id}/review")).RootElement;
        Assert.Equal("ExportReady", view.GetProperty("current").GetProperty("verdict").GetString());
        Assert.Equal("NotYet", view.GetProperty("current").GetProperty("previousVerdict").GetString());
        Assert.Equal(2, view.GetProperty("history").GetArrayLength());

        // The model's score stays beside the verdict.
        var assessment = await _advisor.GetAssessmentAsync(accepted.Id, null);
        Assert.NotNull(assessment!.Result);
        Assert.Equal(Core.Reviews.Verdict.ExportReady, assessment.Review!.Verdict);
    }

    [Fact]
    public async Task A_review_with_missing_fields_is_a_problem_naming_them()
    {
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(Unique.Programme("reviews")));
        var response = await PutReviewAsync(accepted.Id, new { verdict = "Maybe" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("verdict", out _));
    }

    [Fact]
    public async Task The_list_pages_with_continuation_tokens_across_more_rows_than_a_page()
    {
        var programme = Unique.Programme("paging");
        for (var i = 0; i < 7; i++) await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named($"Företag {i}"));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = $"/api/assessments?programme={programme}&pageSize=3" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = JsonDocument.Parse(await _advisor.GetStringAsync(url)).RootElement;
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        } while (token is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.True(pages >= 3);
        // A token the list never gave out is the caller's mistake: a 400 naming it, never a 200 of some page or a 5xx.
        var garbage = await _advisor.GetAsync("/api/assessments?continuationToken=not-a-token%20%7C%7C");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.True((await garbage.ProblemAsync()).GetProperty("errors").TryGetProperty("continuationToken", out _));
        var bad = await _advisor.GetAsync($"/api/assessments?level=Brilliant&pageSize=500");
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("level", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
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

        string[] pages = [$"/result/{accepted.Id}?token={accepted.AccessToken}", $"/advisor?programme={programme}", $"/advisor/assessments/{accepted.Id}"];
        foreach (var page in pages)
        {
            var html = await _advisor.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Gruv AB", html);
        }
    }

    [Fact]
    public async Task The_portfolio_report_counts_the_funnel_levels_and_agreement()
    {
        var programme = Unique.Programme("report");
        var strong = await _sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme).InSector("food"));
        var weak = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).InSector("tourism"));
        await _sme.WaitForStatusAsync(strong.Id, strong.AccessToken);
        await _sme.WaitForStatusAsync(weak.Id, weak.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await PutReviewAsync(strong.Id, new { verdict = "ExportReady" }, null)).StatusCode);

        var report = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/reports/portfolio?programme={programme}")).RootElement;
        var funnel = report.GetProperty("funnel");
        Assert.Equal(2, funnel.GetProperty("submitted").GetInt32());
        Assert.Equal(2, funnel.GetProperty("scored").GetInt32());
        Assert.Equal(1, funnel.GetProperty("reviewed").GetInt32());
        Assert.Equal(1, funnel.GetProperty("confirmedExportReady").GetInt32());
        Assert.Equal(2, report.GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("count").GetInt32()));
        Assert.Equal(["food", "tourism"], report.GetProperty("bySector").EnumerateArray().Select(s => s.GetProperty("key").GetString()).Order());
        Assert.Equal(1, report.GetProperty("agreement").GetProperty("compared").GetInt32());
        Assert.Equal(12, report.GetProperty("dimensions").GetArrayLength());
    }
}
