using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>An agency uploads outcomes it knows and reads how the model in use and the rubric rank them.</summary>
[Collection(PipelineCollection.Name)]
public class ValidationApiTests(PipelineFixture pipeline)
{
    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_labelled_batch_file_is_answered_with_model_and_rubric_metrics_and_intervals_overall_and_per_sector()
    {
        var file = new BatchFileBuilder();
        var outcomes = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var strong = i % 2 == 0;
            file.Add((strong ? AssessmentBuilder.Strong() : AssessmentBuilder.Weak()).InSector(i % 4 < 2 ? "manufacturing" : "tourism"));
            outcomes.Add(strong ? "ExportReady" : "0");
        }

        var response = await pipeline.App.CreateAdvisorClient().PostAsync("/api/validation?format=batch", Csv(BatchFileBuilder.WithOutcomes(file.ToCsv(), outcomes)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(40, report.GetProperty("rows").GetInt32());
        Assert.Equal(20, report.GetProperty("positives").GetInt32());
        var auc = report.GetProperty("overall").GetProperty("rocAuc");
        foreach (var side in new[] { "model", "rubric", "difference" })
        {
            var estimate = auc.GetProperty(side);
            Assert.InRange(estimate.GetProperty("value").GetDouble(), estimate.GetProperty("lower").GetDouble(), estimate.GetProperty("upper").GetDouble());
        }
        Assert.Equal(1.0, auc.GetProperty("rubric").GetProperty("value").GetDouble()); // strong answers exactly where the outcome is 1
        Assert.Equal(["manufacturing", "tourism"], report.GetProperty("sectors").EnumerateArray().Select(s => s.GetProperty("group").GetString()!).Order());
    }

    [Fact]
    public async Task A_file_without_outcomes_is_a_problem_naming_the_file_and_the_endpoint_is_for_advisors_only()
    {
        var csv = new BatchFileBuilder().Add(AssessmentBuilder.Mixed()).ToCsv();
        var refused = await pipeline.App.CreateAdvisorClient().PostAsync("/api/validation", Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty("file", out _));

        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.App.CreateClient().PostAsync("/api/validation", Csv(csv))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await pipeline.App.CreateAdvisorClient().PostAsync("/api/validation", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }
}
