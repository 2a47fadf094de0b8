using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

[Collection(PipelineCollection.Name)]
public class SubmissionTests(PipelineFixture pipeline)
{
    private readonly HttpClient _client = pipeline.App.CreateClient();

    [Fact]
    public async Task A_submitted_questionnaire_is_scored_and_readable_with_its_token()
    {
        var programme = Unique.Programme("Norrbotten 2026");
        var response = await _client.PostJsonAsync("/api/assessments", AssessmentBuilder.Mixed().InProgramme(programme).ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(PipelineClient.Json))!;
        Assert.Equal($"/api/assessments/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(AssessmentStatus.Pending, accepted.Status);

        var scored = await _client.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        var result = scored.Result!;
        Assert.InRange(result.ReadinessScore, 0, 100);
        Assert.Equal(ReadinessLevels.FromScore(result.ReadinessScore), result.Level);
        Assert.Equal(12, result.Dimensions.Count);
        Assert.Equal(3, result.TopGaps.Count);
        // The explanation adds up to the score, by dimension and by question, and the gaps are its largest headrooms.
        var why = result.Explanation!;
        Assert.Equal(result.ReadinessScore, why.Baseline + why.Dimensions.Sum(d => d.Points), 1);
        Assert.Equal(result.ReadinessScore, why.Baseline + why.Questions.Sum(q => q.Points), 1);
        Assert.Equal(why.Questions.OrderByDescending(q => q.Headroom).Take(3).Select(q => q.Headroom), result.TopGaps.Select(g => g.Impact));
        Assert.Equal(pipeline.App.Services.GetRequiredService<CurrentModel>().Loaded!.Version, result.ModelVersion);
        Assert.Equal(programme, scored.Programme);
    }

    [Fact]
    public async Task The_raw_submission_is_archived_exactly_as_sent()
    {
        var json = AssessmentBuilder.Strong().Named("Kiruna Mineral Teknik AB").InSector("mining").ToJsonString();
        var response = await _client.PostJsonAsync("/api/assessments", json);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmissionAccepted>(PipelineClient.Json))!;

        var blob = await pipeline.App.Storage.Container("submissions").GetBlobClient($"{accepted.Id}.json").DownloadContentAsync();
        Assert.Equal(json, blob.Value.Content.ToString());
    }

    [Fact]
    public async Task A_result_is_hidden_without_the_token_and_from_another_smes_token()
    {
        var mine = await _client.SubmitAsync(AssessmentBuilder.Mixed());
        var theirs = await _client.SubmitAsync(AssessmentBuilder.Weak());

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/assessments/{mine.Id}")).StatusCode);
        Assert.Null(await _client.GetAssessmentAsync(mine.Id, theirs.AccessToken));
        Assert.NotNull(await _client.GetAssessmentAsync(mine.Id, mine.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/assessments/{mine.Id}?token={mine.AccessToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pipeline.App.CreateAdvisorClient().GetAsync($"/api/assessments/{mine.Id}")).StatusCode);
    }

    [Fact]
    public async Task Submitting_an_incomplete_questionnaire_returns_problem_details_naming_the_fields()
    {
        var missing = QuestionnaireSchema.V1.Questions.First(q => q.Required && q.AppliesTo is null);
        var response = await _client.PostJsonAsync("/api/assessments",
            AssessmentBuilder.Strong().Without(missing.Id).WithEmployees("many").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty($"answers.{missing.Id}", out _));
        Assert.True(errors.TryGetProperty("company.employees", out _));
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("null", "$")]
    [InlineData("{\"schemaVersion\":1}", "company")]
    [InlineData("{\"schemaVersion\":\"1\",\"company\":{},\"product\":{},\"answers\":[]}", "answers")]
    [InlineData("{\"schemaVersion\":1,\"programme\":\"\\ud800\"}", "programme")]
    [InlineData("{\"answers\":{\"\\ud800\":1}}", "answers")]
    [InlineData("{\"company\":{\"name\":\"\\udc00x\"}}", "company.name")]
    public async Task Malformed_bodies_are_400_problems_never_500(string body, string field)
    {
        var response = await _client.PostJsonAsync("/api/assessments", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_body_with_bytes_that_are_not_utf8_is_a_400_problem_naming_the_field()
    {
        byte[] body = [.. "{\"product\":{\"name\":\""u8, 0xFF, 0xFE, .. "\"}}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await _client.PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("product.name", out _));
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_and_an_oversized_body_is_413()
    {
        var wrongType = await _client.PostJsonAsync("/api/assessments", AssessmentBuilder.Strong().ToJsonString(), "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        await wrongType.ProblemAsync();

        var huge = AssessmentBuilder.Strong().ToJson();
        huge["product"]!["description"] = new string('x', 70 * 1024);
        var tooLarge = await _client.PostJsonAsync("/api/assessments", huge.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await tooLarge.ProblemAsync();
    }

    [Fact]
    public async Task The_questionnaire_is_served_with_both_languages()
    {
        var schema = JsonDocument.Parse(await _client.GetStringAsync("/api/questionnaire")).RootElement;
        Assert.Equal(1, schema.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(12, schema.GetProperty("dimensions").GetArrayLength());
        var first = schema.GetProperty("questions")[0];
        Assert.False(string.IsNullOrEmpty(first.GetProperty("text").GetProperty("sv").GetString()));
        Assert.Contains(schema.GetProperty("questions").EnumerateArray(), q => q.GetProperty("type").GetString() == "yesNo");
    }

    [Fact]
    public async Task Health_reports_storage_and_the_model_in_use()
    {
        var health = JsonDocument.Parse(await _client.GetStringAsync("/api/health")).RootElement;
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("storageReachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("modelVersion").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
