using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Support programmes through the API: offers on an assessment, the catalogue, the advisors' extension, the cohort report, the CSV.</summary>
[Collection(PipelineCollection.Name)]
public class ProgrammeTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private async Task<(SubmissionAccepted Accepted, JsonElement View)> ScoredAsync(AssessmentBuilder builder, string? acceptLanguage = null)
    {
        var accepted = await _sme.SubmitAsync(builder);
        await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{accepted.Id}");
        request.Headers.Add(AssessmentHandlers.TokenHeader, accepted.AccessToken);
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await _sme.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (accepted, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static List<string> OfferedIds(JsonElement view) =>
        view.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task An_assessments_answer_lists_programmes_whose_reasons_name_its_gaps()
    {
        var (_, view) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("offers")).InRegion("SE-G"));

        var headroom = view.GetProperty("result").GetProperty("explanation").GetProperty("questions").EnumerateArray()
            .ToDictionary(q => q.GetProperty("id").GetString()!, q => q.GetProperty("headroom").GetDouble());
        var programmes = view.GetProperty("programmes").EnumerateArray().ToList();
        Assert.InRange(programmes.Count, 1, 5);
        var named = programmes.SelectMany(p => p.GetProperty("reasons").EnumerateArray()).Where(r => r.GetProperty("kind").GetString() == "gap").ToList();
        Assert.NotEmpty(named);
        Assert.All(named, reason =>
        {
            // A gap reason names a question that holds this product's score down, by its headroom in the explanation.
            var question = reason.GetProperty("id").GetString()!;
            Assert.True(headroom[question] >= ProgrammeMatcher.MinimumHeadroom, $"{question} has no headroom");
            Assert.Equal(headroom[question], reason.GetProperty("points").GetDouble());
            Assert.Contains(Core.Questionnaire.QuestionnaireSchema.V1.QuestionsById[question].Text.Sv, reason.GetProperty("text").GetProperty("sv").GetString());
        });
        // Best first, each with a link and the source its description cites.
        var relevance = programmes.Select(p => p.GetProperty("relevance").GetDouble()).ToList();
        Assert.Equal(relevance.OrderDescending(), relevance);
        Assert.All(programmes, p => Assert.StartsWith("https://", p.GetProperty("sources")[0].GetProperty("url").GetString()));
        Assert.All(programmes, p => Assert.Equal(["sv", "en"], p.GetProperty("name").EnumerateObject().Select(n => n.Name)));
    }

    [Fact]
    public async Task The_programmes_come_in_the_language_the_request_asks_for()
    {
        var (accepted, english) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("lang")), acceptLanguage: "en-GB, sv;q=0.5");

        var first = english.GetProperty("programmes")[0];
        Assert.Equal(["en"], first.GetProperty("name").EnumerateObject().Select(n => n.Name));
        Assert.Equal(["en"], first.GetProperty("reasons")[0].GetProperty("text").EnumerateObject().Select(n => n.Name));
        var swedish = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/assessments/{accepted.Id}?lang=sv")).RootElement;
        Assert.Equal(["sv"], swedish.GetProperty("programmes")[0].GetProperty("name").EnumerateObject().Select(n => n.Name));
    }

    [Fact]
    public async Task A_product_in_Kalmar_is_not_offered_a_Gotland_only_programme_that_the_same_product_on_Gotland_is()
    {
        // Gaps only in the product's uniqueness and adaptation: the gaps both regions' innovation support names.
        AssessmentBuilder Product(string region) => AssessmentBuilder.Strong().InSector("other").InRegion(region)
            .InProgramme(Unique.Programme("regions")).WithGapsIn("prod_usp", "prod_adaptation");

        var (_, kalmar) = await ScoredAsync(Product("SE-H"));
        var (_, gotland) = await ScoredAsync(Product("SE-I"));

        Assert.DoesNotContain("gotland-business-support", OfferedIds(kalmar));
        Assert.Contains("kalmar-innovation-finance", OfferedIds(kalmar));
        Assert.Contains("gotland-business-support", OfferedIds(gotland));
        Assert.DoesNotContain("kalmar-innovation-finance", OfferedIds(gotland));
        var catalogue = JsonDocument.Parse(await _sme.GetStringAsync("/api/programmes")).RootElement.GetProperty("programmes").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.All(OfferedIds(kalmar), id => Assert.True(catalogue[id].Contains("SE-H") || catalogue[id].Contains("all"), $"{id} does not serve Kalmar"));
    }

    [Fact]
    public async Task An_advisors_extension_adds_a_programme_that_then_appears_in_a_matching_result()
    {
        var id = Unique.Programme("test-lift");
        try
        {
            var put = await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Document(ProgrammeExtensionDocument.Programme(id, "SE-Z")));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var bundled = ProgrammeCatalogue.Bundled.Programmes.Count;
            Assert.Equal(bundled + 1, JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("programmes").GetInt32());

            var catalogue = JsonDocument.Parse(await _sme.GetStringAsync("/api/programmes")).RootElement;
            Assert.Contains(id, catalogue.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
            var stored = JsonDocument.Parse(await _advisor.GetStringAsync(ProgrammeExtensionDocument.Route)).RootElement;
            Assert.Equal(id, stored.GetProperty("programmes")[0].GetProperty("id").GetString());

            var (_, jamtland) = await ScoredAsync(AssessmentBuilder.Mixed().InRegion("SE-Z").InProgramme(Unique.Programme("extension")));
            var offer = jamtland.GetProperty("programmes")[0];
            Assert.Equal(id, offer.GetProperty("id").GetString());
            Assert.Contains(offer.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "region" && r.GetProperty("id").GetString() == "SE-Z");
            var (_, elsewhere) = await ScoredAsync(AssessmentBuilder.Mixed().InRegion("SE-Y").InProgramme(Unique.Programme("extension")));
            Assert.DoesNotContain(id, OfferedIds(elsewhere));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Empty())).StatusCode);
        }
    }

    [Fact]
    public async Task Another_instance_serves_an_advisors_extension_once_its_cached_catalogue_is_refreshed()
    {
        await using var other = new ExportReadinessApplication(pipeline.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["ExportReadiness:Standalone"] = "false",
            ["ExportReadiness:Programmes:RefreshInterval"] = "00:00:01",
        });
        other.StartServer();
        var elsewhere = other.CreateClient();
        var id = Unique.Programme("test-other");
        static async Task<List<string?>> IdsAsync(HttpClient client) =>
            JsonDocument.Parse(await client.GetStringAsync("/api/programmes")).RootElement.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(id, await IdsAsync(elsewhere)); // read, and so cached, before the PUT
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Document(ProgrammeExtensionDocument.Programme(id, "SE-Z")))).StatusCode);

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!(await IdsAsync(elsewhere)).Contains(id))
            {
                Assert.True(DateTime.UtcNow < deadline, "the other instance never re-read the extension");
                await Task.Delay(200);
            }
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Empty())).StatusCode);
        }
    }

    [Fact]
    public async Task A_bad_extension_is_a_400_naming_each_entry_and_field_and_saves_nothing()
    {
        var wrongRegion = ProgrammeExtensionDocument.Programme("bad-region", "SE-Q");
        var typo = ProgrammeExtensionDocument.Programme("typo", "SE-H");
        typo["regoins"] = typo["regions"]!.DeepClone();
        var withdrawUnknown = new JsonObject { ["id"] = "never-was", ["withdrawn"] = true };
        var before = await _sme.GetStringAsync("/api/programmes");

        var response = await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Document(wrongRegion, typo));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Contains("SE-Q", errors.GetProperty("bad-region.regions[0]")[0].GetString());
        Assert.True(errors.TryGetProperty("typo.regoins", out _), errors.ToString());
        var unknown = await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Document(withdrawUnknown));
        Assert.True((await unknown.ProblemAsync()).GetProperty("errors").TryGetProperty("never-was.withdrawn", out _));
        // Not JSON at all, and JSON of the wrong shape: problems too, never a 500.
        var garbage = await _advisor.PutAsync(ProgrammeExtensionDocument.Route, new StringContent("{\"schemaVersion\": 1, \"programmes\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        var shape = await _advisor.PutExtensionAsync(new JsonArray(1, 2));
        Assert.True((await shape.ProblemAsync()).GetProperty("errors").TryGetProperty("$", out _));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _advisor.PutAsync(ProgrammeExtensionDocument.Route, new StringContent("x", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(before, await _sme.GetStringAsync("/api/programmes"));
    }

    [Fact]
    public async Task The_catalogue_the_api_serves_can_be_put_back_as_an_extension_unchanged()
    {
        // What an advisor does to correct an entry: copy it from GET /api/programmes, edit, PUT.
        var served = await _sme.GetStringAsync("/api/programmes");
        try
        {
            var put = await _advisor.PutAsync(ProgrammeExtensionDocument.Route, new StringContent(served, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(served, await _sme.GetStringAsync("/api/programmes"));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await _advisor.PutExtensionAsync(ProgrammeExtensionDocument.Empty())).StatusCode);
        }
    }

    [Fact]
    public async Task An_sme_cannot_replace_the_extension_but_anyone_reads_the_catalogue()
    {
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("sme-put")));
        using var request = new HttpRequestMessage(HttpMethod.Put, ProgrammeExtensionDocument.Route)
        {
            Content = new StringContent(ProgrammeExtensionDocument.Empty().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(AssessmentHandlers.TokenHeader, accepted.AccessToken);

        var refused = await _sme.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await refused.ProblemAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync(ProgrammeExtensionDocument.Route)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync("/api/reports/programmes")).StatusCode);
        var catalogue = JsonDocument.Parse(await _sme.GetStringAsync("/api/programmes")).RootElement;
        Assert.Equal(1, catalogue.GetProperty("schemaVersion").GetInt32());
        Assert.Contains(catalogue.GetProperty("programmes").EnumerateArray(), p => p.GetProperty("id").GetString() == "gotland-business-support");
    }

    [Fact]
    public async Task The_cohort_report_counts_the_programmes_its_products_are_offered()
    {
        var programme = Unique.Programme("cohort");
        var (_, first) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(programme).InRegion("SE-H"));
        var (_, second) = await ScoredAsync(AssessmentBuilder.Weak().InProgramme(programme).InSector("tourism").InRegion("SE-G"));

        var demand = JsonDocument.Parse(await _advisor.GetStringAsync($"/api/reports/programmes?programme={programme}&lang=en")).RootElement;

        Assert.Equal(2, demand.GetProperty("products").GetInt32());
        Assert.False(demand.GetProperty("capped").GetBoolean());
        var offered = OfferedIds(first).Concat(OfferedIds(second)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var counted = demand.GetProperty("programmes").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("products").GetInt32());
        Assert.Equal(offered.OrderBy(p => p.Key), counted.OrderBy(p => p.Key));
        Assert.Equal(["en"], demand.GetProperty("programmes")[0].GetProperty("name").EnumerateObject().Select(n => n.Name));
        var bad = await _advisor.GetAsync("/api/reports/programmes?level=Brilliant");
        Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("level", out _));
    }

    [Fact]
    public async Task The_portfolio_csv_has_each_assessments_top_programme_ids()
    {
        var programme = Unique.Programme("csv-prog");
        var (accepted, view) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(programme).InRegion("SE-H"));

        var csv = Encoding.UTF8.GetString(await _advisor.GetByteArrayAsync($"/api/reports/portfolio.csv?programme={programme}")).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split(','), "topProgrammes");
        Assert.True(column > 0, lines[0]);
        Assert.StartsWith(accepted.Id + ",", lines[1]);
        // Names may hold commas in quotes, but every cell before the column is a plain value the export wrote itself.
        Assert.Equal(string.Join(' ', OfferedIds(view)), lines[1].Split(',')[column]);
    }
}
