using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Real labels through the real app (issue 16): an agency keeps an outcome file, advisors record verdicts, the nightly run
/// learns from both, judges on real rows only and publishes; the model card says what the model learned from. This class
/// has an Azurite and an app of its own, so its labels never reach the shared pipeline's runs.
/// </summary>
public class LearningTests(PipelineFixture own) : IClassFixture<PipelineFixture>
{
    private const string OutcomeSets = "/api/outcome-sets";
    private readonly HttpClient _advisor = own.App.CreateAdvisorClient();
    private IServiceProvider Services => own.App.Services;

    private RescoreJob Job() => Services.GetRequiredService<RescoreJob>();

    private static string Query(string name, string date = "2025-06-30", string format = "batch") =>
        $"?name={Uri.EscapeDataString(name)}&source={Uri.EscapeDataString("Regional follow-up survey")}" +
        $"&definition={Uri.EscapeDataString("Exported within three years of the assessment")}&date={date}&format={format}";

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Verdicts_and_a_kept_outcome_file_update_the_prior_in_the_nightly_run_and_the_model_card_says_what_it_learned_from()
    {
        var before = await Services.SettledAsync(await Job().RunAsync("test", default));
        Assert.False(before!.Published, before.Decision);
        Assert.Contains("real labels", before.Decision);
        Assert.Equal(PriorDecision.JudgedOnSynthetic, before.JudgedOn);

        var kept = await _advisor.PostAsync(OutcomeSets + Query("Follow-up 2025"),
            Csv(OutcomeFileBuilder.BatchCsv(OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 300, seed: 4242), programme: "learning")));
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var setId = (await JsonAsync(kept)).GetProperty("id").GetString()!;
        var sme = own.App.CreateClient();
        foreach (var (builder, verdict) in new[] { (AssessmentBuilder.Strong(), "ExportReady"), (AssessmentBuilder.Weak(), "NotYet"), (AssessmentBuilder.Mixed(), "NotYet") })
        {
            var accepted = await sme.SubmitAsync(builder.InProgramme("learning"));
            await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
            var put = await _advisor.PutAsync($"/api/assessments/{accepted.Id}/review", new StringContent(JsonSerializer.Serialize(new { verdict }), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var run = await Services.SettledAsync(await Job().RunAsync("test", default));

        Assert.True(run!.Published, run.Decision);
        Assert.Equal(ModelRunStatus.Completed, run.Status);
        Assert.Contains("real labels", run.JudgedOn);
        Assert.Equal(3, run.Labels!.Verdicts);
        Assert.Equal(300, run.Labels.OutcomeSets.Single(s => s.Id == setId).Rows);
        Assert.Equal(run.ChallengerVersion, await Services.GetRequiredService<IModelRepository>().GetCurrentVersionAsync(default));
        Assert.Equal("too-few", run.Drift!.Level);
        Assert.Equal(3, run.Drift.Assessments); // the three scored in the last 90 days; the outcome set's rows are not assessments
        Assert.Equal(run.ChallengerVersion, run.Drift.ModelVersion);

        var card = await JsonAsync(await _advisor.GetAsync("/api/model/card"));
        Assert.Equal(run.ChallengerVersion, card.GetProperty("version").GetString());
        Assert.True(card.GetProperty("learnedFromRealLabels").GetBoolean());
        Assert.Equal(3, card.GetProperty("trainedOn").GetProperty("verdicts").GetInt32());
        var set = card.GetProperty("trainedOn").GetProperty("outcomeSets").EnumerateArray().Single(s => s.GetProperty("id").GetString() == setId);
        Assert.Equal("Exported within three years of the assessment", set.GetProperty("definition").GetString());
        Assert.Equal(303, card.GetProperty("realRows").GetProperty("rows").GetInt32());
        Assert.NotEmpty(card.GetProperty("movedMost").EnumerateArray());
        Assert.Equal(0, card.GetProperty("monotonicity").GetProperty("violations").GetInt32());
        Assert.NotEmpty(card.GetProperty("reliability").EnumerateArray());
        Assert.Contains(card.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetString() == run.Id && r.GetProperty("published").GetBoolean());

        var page = await _advisor.GetAsync("/advisor/model?lang=en");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("The model learned from 303 real outcomes", html);
        Assert.Contains("Follow-up 2025", html);
        foreach (var section in new[] { "id=\"real-figures\"", "id=\"moved-table\"", "id=\"reliability\"", "id=\"drift-level\"", "id=\"runs-table\"" }) Assert.Contains(section, html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=", html);
        // Without a chosen language (no ?lang=, no cookie of an earlier choice) the card is Swedish.
        Assert.Contains("Modellkort", await (await own.App.CreateAdvisorClient().GetAsync("/advisor/model")).Content.ReadAsStringAsync());
        Assert.Contains("id=\"model-card\"", await (await _advisor.GetAsync("/advisor?lang=en")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_outcome_file_is_kept_once_however_often_it_is_sent_listed_and_removed()
    {
        var csv = OutcomeFileBuilder.BatchCsv(OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 45, seed: 77));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Kept twice"), "name" }, { new StringContent("Test agency"), "source" },
            { new StringContent("Exports ≥ 10 % of sales"), "definition" }, { new StringContent("2024-12-31"), "date" },
            { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "outcomes.csv" },
        };

        var first = await _advisor.PostAsync(OutcomeSets, form);
        var again = await _advisor.PostAsync(OutcomeSets + Query("Same file, other name"), Csv(csv));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var set = await JsonAsync(first);
        var id = set.GetProperty("id").GetString()!;
        Assert.Equal($"/api/outcome-sets/{id}", first.Headers.Location!.OriginalString);
        Assert.Equal(45, set.GetProperty("rows").GetInt32());
        Assert.Equal("batch", set.GetProperty("format").GetString());
        Assert.Equal("2024-12-31", set.GetProperty("outcomeDate").GetString());
        Assert.Equal(ExportReadinessApplication.AdvisorName, set.GetProperty("uploadedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Kept twice", (await JsonAsync(again)).GetProperty("name").GetString());
        Assert.Single((await JsonAsync(await _advisor.GetAsync(OutcomeSets))).EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await _advisor.GetAsync($"{OutcomeSets}/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _advisor.DeleteAsync($"{OutcomeSets}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _advisor.DeleteAsync($"{OutcomeSets}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _advisor.GetAsync($"{OutcomeSets}/{id}")).StatusCode);
        Assert.DoesNotContain((await JsonAsync(await _advisor.GetAsync(OutcomeSets))).EnumerateArray(), s => s.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task An_outcome_set_without_its_fields_or_with_an_unusable_file_is_a_problem_naming_each_field_and_nothing_is_kept()
    {
        var csv = OutcomeFileBuilder.BatchCsv(OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 5, seed: 78));
        var listed = (await JsonAsync(await _advisor.GetAsync(OutcomeSets))).GetArrayLength();

        var bare = await _advisor.PostAsync(OutcomeSets + "?format=spreadsheet&date=2999-01-01", Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var errors = (await bare.ProblemAsync()).GetProperty("errors");
        Assert.Equal(new[] { "date", "definition", "format", "name", "source" }.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

        var withoutOutcomes = await _advisor.PostAsync(OutcomeSets + Query("No outcomes"), Csv(new BatchFileBuilder().Add(AssessmentBuilder.Mixed()).ToCsv()));
        Assert.Equal(HttpStatusCode.BadRequest, withoutOutcomes.StatusCode);
        Assert.True((await withoutOutcomes.ProblemAsync()).GetProperty("errors").TryGetProperty("file", out _));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _advisor.PostAsync(OutcomeSets + Query("Json"), new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.App.CreateClient().PostAsync(OutcomeSets + Query("Anonymous"), Csv(csv))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.App.CreateClient().GetAsync("/api/model/card")).StatusCode);
        Assert.Equal(listed, (await JsonAsync(await _advisor.GetAsync(OutcomeSets))).GetArrayLength());
    }
}
