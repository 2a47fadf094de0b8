using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>The destination and programme report through the API, on the real pipeline: criteria shares, shared gaps, comparisons, CSV and access.</summary>
[Collection(PipelineCollection.Name)]
public class DestinationReportTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private async Task<JsonElement> ReportAsync(string query)
    {
        var response = await _advisor.GetAsync($"/api/reports/destination?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Criterion(JsonElement report, string id) =>
        report.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Fact]
    public async Task A_programmes_report_counts_each_product_once_against_each_visitsweden_criterion_and_lists_its_shared_gaps()
    {
        var (a, b) = (DestinationData.NewProgramme("a"), DestinationData.NewProgramme("b"));
        var (_, seededOn) = await DestinationData.SeedAsync(_sme, a, b);

        var answer = await ReportAsync($"programme={a}");
        var group = answer.GetProperty("group");
        Assert.Equal(a, group.GetProperty("group").GetProperty("programme").GetString());
        // Without a date, as of the app's today: not before the day it recorded the last submission, not after now.
        Assert.InRange(DateOnly.Parse(group.GetProperty("group").GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture), seededOn, PipelineClient.TodayAfterwards());
        Assert.Equal(5, group.GetProperty("products").GetInt32()); // the re-assessed product once, the manufacturer too
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("comparison").ValueKind);

        var packages = Criterion(group, "tour_bookable_packages");
        Assert.Equal((2, 4, 1, 0.5), (packages.GetProperty("met").GetInt32(), packages.GetProperty("answered").GetInt32(),
            packages.GetProperty("notApplicable").GetInt32(), packages.GetProperty("share").GetDouble()));
        Assert.Equal(0.75, Criterion(group, "tour_net_rates").GetProperty("share").GetDouble());
        Assert.Equal(0.25, Criterion(group, "tour_market_language").GetProperty("share").GetDouble());
        Assert.Equal(1.0, Criterion(group, "tour_sustainability_label").GetProperty("share").GetDouble());
        Assert.Equal(0.25, group.GetProperty("allCriteria").GetProperty("share").GetDouble());
        Assert.Equal("Bookable 2–5 day packages", packages.GetProperty("name").GetProperty("en").GetString());

        var gaps = group.GetProperty("sharedGaps").EnumerateArray().ToList();
        Assert.Equal(["tour_market_language", "tour_bookable_packages", "tour_net_rates"], gaps.Select(g => g.GetProperty("questionId").GetString()));
        Assert.Equal([0.6, 0.4, 0.2], gaps.Select(g => g.GetProperty("share").GetDouble()));
        Assert.Equal(["SharedTraining", "SharedBookingChannel", "SharedTraining"], gaps.Select(g => g.GetProperty("action").GetProperty("kind").GetString()));
        Assert.Equal(12, group.GetProperty("dimensions").GetArrayLength());
    }

    [Fact]
    public async Task Two_programmes_or_two_dates_side_by_side_give_the_differences_per_criterion_and_dimension()
    {
        var (a, b) = (DestinationData.NewProgramme("a"), DestinationData.NewProgramme("b"));
        var (firstDay, _) = await DestinationData.SeedAsync(_sme, a, b);

        var answer = await ReportAsync($"programme={a}&sector=tourism&compareProgramme={b}");
        var comparison = answer.GetProperty("comparison");
        Assert.Equal(b, comparison.GetProperty("group").GetProperty("programme").GetString());
        Assert.Equal("tourism", comparison.GetProperty("group").GetProperty("sector").GetString()); // unset: the first group's
        Assert.Equal(4, answer.GetProperty("group").GetProperty("products").GetInt32());
        Assert.Equal(2, comparison.GetProperty("products").GetInt32());
        var differences = answer.GetProperty("differences");
        Assert.Equal(-2, differences.GetProperty("products").GetInt32());
        double Difference(string id) => differences.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).GetProperty("value").GetDouble();
        Assert.Equal(0.5, Difference("tour_bookable_packages"));
        Assert.Equal(0.75, Difference("tour_market_language"));
        Assert.Equal(0.0, Difference("tour_prices_ahead"));
        Assert.Equal(0.75, differences.GetProperty("allCriteria").GetProperty("value").GetDouble());
        var marketing = differences.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "marketing").GetProperty("value").GetDouble();
        Assert.True(marketing > 0, $"B communicates in the market's language, A mostly not: {marketing}");

        // The same programme the day before its first submission: nothing had been submitted yet.
        var dayBefore = firstDay.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var overTime = await ReportAsync($"programme={a}&compareAsOf={dayBefore}");
        Assert.Equal(dayBefore, overTime.GetProperty("comparison").GetProperty("group").GetProperty("asOf").GetString());
        Assert.Equal(0, overTime.GetProperty("comparison").GetProperty("products").GetInt32());
        Assert.Equal(-5, overTime.GetProperty("differences").GetProperty("products").GetInt32());
        Assert.Equal(JsonValueKind.Null, Criterion(overTime.GetProperty("comparison"), "tour_net_rates").GetProperty("share").ValueKind);
    }

    [Fact]
    public async Task The_csv_has_a_row_per_criterion_and_gap_and_a_column_per_group()
    {
        var (a, b) = (DestinationData.NewProgramme("a"), DestinationData.NewProgramme("b"));
        var (_, lastDay) = await DestinationData.SeedAsync(_sme, a, b);
        // A date the test chose (every seeded assessment was submitted on or before it), so the header is known.
        var asOf = lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var response = await _advisor.GetAsync($"/api/reports/destination.csv?programme={a}&asOf={asOf}&compareProgramme={b}&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // a BOM, so Excel reads UTF-8
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"kind,id,name,jointAction,{a} · {asOf},{b} · {asOf},difference", lines[0]);
        Assert.Equal("products,,Products,,5,2,-3", lines[1]);
        Assert.Contains("criterion,tour_bookable_packages,Bookable 2–5 day packages,,0.5,1,0.5", lines);
        Assert.Contains("criterion,all,All six criteria,,0.25,1,0.75", lines);
        Assert.Contains(lines, l => l.StartsWith("gap,tour_market_language,", StringComparison.Ordinal) && l.EndsWith(",SharedTraining,0.6,0,-0.6", StringComparison.Ordinal));
        Assert.Equal(12, lines.Count(l => l.StartsWith("dimension,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bad_filters_are_a_problem_naming_each_field_in_swedish_when_asked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/destination?asOf=2026-13-01&compareAsOf=25/11/2026&programme=a%2Fb&compareRegion=x%23y");
        request.Headers.TryAddWithoutValidation("Accept-Language", "sv-SE, en;q=0.5");
        var response = await _advisor.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("Rapportens filter är ogiltiga.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["asOf", "compareAsOf", "compareRegion", "programme"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Ange ett datum som ÅÅÅÅ-MM-DD.", errors.GetProperty("asOf")[0].GetString());

        var csv = await _advisor.GetAsync("/api/reports/destination.csv?compareAsOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("Use a date as yyyy-MM-dd.", (await csv.ProblemAsync()).GetProperty("errors").GetProperty("compareAsOf")[0].GetString());
    }

    [Fact]
    public async Task The_page_speaks_swedish_by_default_and_answers_a_bad_date_with_its_form_naming_the_field()
    {
        var page = await _advisor.GetAsync($"/advisor/reports/destination?programme={DestinationData.NewProgramme("page")}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("VisitSwedens kriterier för exportmogna turismprodukter", html);
        Assert.Contains("Luckor som många produkter delar", html);

        var bad = await _advisor.GetAsync("/advisor/reports/destination?asOf=2026-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        Assert.Contains("<li>asOf: Ange ett datum som", errors);
        Assert.Contains("id=\"destination-filters\"", errors);
    }

    [Fact]
    public async Task An_sme_token_or_no_credentials_cannot_read_a_destination_report()
    {
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Strong().InSector("tourism").InProgramme(DestinationData.NewProgramme("sme")));
        foreach (var url in new[] { "/api/reports/destination", "/api/reports/destination.csv", "/advisor/reports/destination" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(AssessmentHandlers.TokenHeader, accepted.AccessToken);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.SendAsync(request)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync(url)).StatusCode);
        }
    }
}
