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
