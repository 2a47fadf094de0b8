using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>The PEGIN funnel through the API: advisors move products through stages; the funnel by programme and cohort, as JSON and CSV.</summary>
[Collection(PipelineCollection.Name)]
public class StageFunnelApiTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private static string Programme(string name) => Unique.Programme($"funnel-{name}");

    private static string MoveJson(string stage, string date, string? note = null) =>
        JsonSerializer.Serialize(new { stage, date, note });

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A move dated <paramref name="date"/>: a date the test chose from the app's own answers, never the test's clock.</summary>
    private Task<HttpResponseMessage> MoveAsync(string productId, string stage, string date, string? note = null, string? lang = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/stages") { Content = new StringContent(MoveJson(stage, date, note), Encoding.UTF8, "application/json") };
        if (lang is not null) request.Headers.TryAddWithoutValidation("Accept-Language", lang);
        return _advisor.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_move_with_bad_fields_is_a_400_naming_stage_date_and_note_in_swedish()
    {
        var product = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Programme("bad")));
        // Two days on: past the latest date the app takes (its today, give or take a time zone), whenever it reads its clock.
        var inTwoDays = Day(PipelineClient.TodayAfterwards().AddDays(2));

        var response = await MoveAsync(product.Id, "exporterar", inTwoDays, new string('x', 2001), lang: "sv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("Förflyttningen har ogiltiga fält.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("Använd ett av: screened, selected, in-development, export-ready, exporting", errors.GetProperty("stage")[0].GetString());
        Assert.StartsWith("Datumet måste ligga mellan 2000-01-01 och i dag", errors.GetProperty("date")[0].GetString());
        Assert.Equal("Högst 2000 tecken.", errors.GetProperty("note")[0].GetString());

        var badDate = await MoveAsync(product.Id, "selected", "1 mars 2026");
        Assert.Equal("Use a date as yyyy-MM-dd.", (await badDate.ProblemAsync()).GetProperty("errors").GetProperty("date")[0].GetString());
        var notAnObject = await _advisor.PostJsonAsync($"/api/products/{product.Id}/stages", "[1]");
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        // Nothing was recorded by any of them.
        var view = await JsonAsync(await _advisor.GetAsync($"/api/products/{product.Id}"));
        Assert.Equal("screened", view.GetProperty("stages").GetProperty("currentStage").GetString());
    }

    [Fact]
    public async Task Moving_an_unknown_product_is_404_and_an_sme_token_or_no_key_cannot_move_or_read_the_funnel()
    {
        var unknown = await MoveAsync(Guid.NewGuid().ToString("N"), "selected", "2026-03-02");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await unknown.ProblemAsync();

        var product = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Programme("access")));
        using var asSme = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{product.Id}/stages") { Content = new StringContent(MoveJson("exporting", "2026-03-02"), Encoding.UTF8, "application/json") };
        asSme.Headers.Add(AssessmentHandlers.TokenHeader, product.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.SendAsync(asSme)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync("/api/reports/funnel")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync("/api/reports/funnel.csv")).StatusCode);
        var view = await JsonAsync(await _advisor.GetAsync($"/api/products/{product.Id}"));
        Assert.Equal("screened", view.GetProperty("stages").GetProperty("currentStage").GetString());
    }

    [Fact]
    public async Task The_funnel_of_a_programmes_intake_counts_5_screened_3_selected_2_export_ready_with_conversion_in_json_csv_and_the_portfolio()
    {
        var programme = Programme("report");
        var submitted = new List<SubmissionAccepted>();
        for (var i = 0; i < 5; i++)
            submitted.Add(await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named($"Företag {i} AB")));
        var products = submitted.Select(s => s.Id).ToList();
        // The intake: each product screened on the day the app recorded the first submission, so all five are one
        // cohort even if midnight (or new year) passed between the submissions; every move is dated that day.
        var intake = await _sme.SubmittedOnAsync(submitted[0]);
        foreach (var id in products) Assert.Equal(HttpStatusCode.Created, (await MoveAsync(id, "screened", Day(intake))).StatusCode);
        foreach (var id in products.Take(3)) Assert.Equal(HttpStatusCode.Created, (await MoveAsync(id, "selected", Day(intake))).StatusCode);
        // Two skip "in development": reaching export-ready counts it as passed.
        foreach (var id in products.Take(2)) Assert.Equal(HttpStatusCode.Created, (await MoveAsync(id, "export-ready", Day(intake))).StatusCode);
        var year = intake.Year;

        var report = await JsonAsync(await _advisor.GetAsync($"/api/reports/funnel?programme={programme}&cohort={year}"));
        var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("programme").GetString() == programme);
        Assert.Equal(year, row.GetProperty("cohort").GetInt32());
        Assert.Equal(5, row.GetProperty("products").GetInt32());
        Assert.Equal("5 → 3 → 2 → 2 → 0", row.GetProperty("chain").GetString());
        Assert.Equal(0.6, row.GetProperty("stages")[1].GetProperty("conversion").GetDouble());
        Assert.Equal(0.67, row.GetProperty("stages")[2].GetProperty("conversion").GetDouble());
        Assert.Equal("5 → 3 → 2 → 2 → 0", report.GetProperty("total").GetProperty("chain").GetString());
        var otherYear = await JsonAsync(await _advisor.GetAsync($"/api/reports/funnel?programme={programme}&cohort={year - 1}"));
        Assert.Equal(0, otherYear.GetProperty("total").GetProperty("products").GetInt32());

        var portfolio = await JsonAsync(await _advisor.GetAsync($"/api/reports/portfolio?programme={programme}"));
        Assert.Equal("5 → 3 → 2 → 2 → 0", portfolio.GetProperty("stages").GetProperty("total").GetProperty("chain").GetString());

        var csv = await _advisor.GetAsync($"/api/reports/funnel.csv?programme={programme}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("productId,companyName,productName,programme,cohort,currentStage,entered_screened,entered_selected,", lines[0]);
        Assert.Equal(6, lines.Length);
        var first = lines.Single(l => l.StartsWith(products[0], StringComparison.Ordinal)).Split(',');
        var header = lines[0].Split(',');
        string Cell(string column) => first[Array.IndexOf(header, column)];
        Assert.Equal(("export-ready", year.ToString(CultureInfo.InvariantCulture), Day(intake), ""), (Cell("currentStage"), Cell("cohort"), Cell("entered_selected"), Cell("entered_in-development")));
        Assert.InRange(int.Parse(Cell("days_export-ready"), CultureInfo.InvariantCulture), 0, PipelineClient.TodayAfterwards().DayNumber - intake.DayNumber); // export-ready until the app's today
    }

    [Fact]
    public async Task A_bad_cohort_is_a_400_naming_the_field()
    {
        var response = await _advisor.GetAsync("/api/reports/funnel?cohort=last-year");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("cohort", out _));
    }
}
