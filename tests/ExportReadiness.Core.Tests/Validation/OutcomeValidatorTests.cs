using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Validation;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Validation;

public class OutcomeValidatorTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly ComparisonOptions Options = new() { Resamples = 300 };

    private readonly OutcomeValidator _validator = new(
        QuestionnaireSchema.V1,
        new AssessmentScorer(fixture.Encoder),
        new AssessmentCsv(QuestionnaireSchema.V1, new SubmissionValidator(QuestionnaireSchema.V1)),
        new FixedClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));

    private Task<ValidationReport> Validate(string csv, OutcomeFormat format = OutcomeFormat.Auto, ComparisonOptions? options = null) =>
        _validator.ValidateAsync(new StringReader(csv), ResourceTexts.English, fixture.Trained.Model, format, options ?? Options);

    [Fact]
    public async Task A_synthetic_survey_file_is_reported_for_model_and_rubric_overall_and_per_sector()
    {
        var report = await Validate(new WbesFileBuilder().AddFirms(300).ToCsv());

        Assert.Equal("wbes", report.Format);
        Assert.Equal(300, report.Rows + report.RejectedRows);
        Assert.InRange(report.RejectedRows, 1, 20); // the firms with d3c = -9
        Assert.InRange(report.Positives, 30, 200);
        Assert.Contains("Platt", report.Method.RubricProbability, StringComparison.Ordinal);
        foreach (var metric in new[] { report.Overall.RocAuc, report.Overall.PrAuc, report.Overall.Brier, report.Overall.Ece })
        {
            Assert.NotNull(metric.Model.Lower);
            Assert.NotNull(metric.Rubric.Upper);
            Assert.NotNull(metric.Difference.Value);
        }
        // The fixture's answers follow the same hidden strength as its exports, so the rubric ranks above chance.
        Assert.True(report.Overall.RocAuc.Rubric.Value > 0.6, $"rubric AUC {report.Overall.RocAuc.Rubric.Value}");
        Assert.Equal(["forestry", "process", "food", "tourism", "manufacturing", "digital", "other"], report.Sectors.Select(s => s.Group));
        Assert.Equal(report.Rows, report.Sectors.Sum(s => s.Rows));
        Assert.Contains(report.Notes, n => n.Contains("Never used as inputs: d3b, d3c, d8, e1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_serialises_to_json_and_reads_back_the_same()
    {
        var report = await Validate(new WbesFileBuilder().AddFirms(120, seed: 2).ToCsv());
        var json = JsonSerializer.Serialize(report, QuestionnaireSchema.JsonOptions);
        var back = JsonSerializer.Deserialize<ValidationReport>(json, QuestionnaireSchema.JsonOptions)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, QuestionnaireSchema.JsonOptions));
        Assert.Contains("\"rocAuc\":{\"higherIsBetter\":true,\"model\":{\"value\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_and_seed_give_the_same_report()
    {
        var csv = new WbesFileBuilder().AddFirms(150, seed: 4).ToCsv();
        var first = JsonSerializer.Serialize(await Validate(csv), QuestionnaireSchema.JsonOptions);
        var second = JsonSerializer.Serialize(await Validate(csv), QuestionnaireSchema.JsonOptions);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_batch_file_with_outcomes_is_scored_and_its_bad_rows_are_listed_by_line()
    {
        var batch = new BatchFileBuilder();
        var outcomes = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var strong = i % 3 != 0;
            batch.Add((strong ? AssessmentBuilder.Strong() : AssessmentBuilder.Weak()).InSector(i % 2 == 0 ? "food" : "manufacturing").Named($"Firm {i}"));
            outcomes.Add((strong, i % 4) switch { (true, 0) => "ExportReady", (true, _) => "1", (false, 0) => "NotYet", _ => "false" });
        }
        batch.Add(AssessmentBuilder.Strong(), row => row["fin_pricing"] = "whatever");
        outcomes.Add("1");
        batch.Add(AssessmentBuilder.Weak());
        outcomes.Add("maybe");

        var report = await Validate(BatchFileBuilder.WithOutcomes(batch.ToCsv(), outcomes));

        Assert.Equal("batch", report.Format);
        Assert.Equal(60, report.Rows);
        Assert.Equal(40, report.Positives);
        Assert.Equal([62L, 63L], report.Rejected.Select(r => r.Line));
        Assert.Contains("fin_pricing", report.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("outcome", report.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal(1.0, report.Overall.RocAuc.Rubric.Value); // strong answers exactly where the outcome is 1
        Assert.Equal(["food", "manufacturing"], report.Sectors.Select(s => s.Group));
    }

    [Fact]
    public async Task A_batch_file_without_an_outcome_column_is_refused_whole()
    {
        var csv = new BatchFileBuilder().Add(AssessmentBuilder.Strong()).ToCsv();
        var error = await Assert.ThrowsAsync<OutcomeFileException>(() => Validate(csv));
        Assert.Contains("'outcome'", error.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<OutcomeFileException>(() => Validate(BatchFileBuilder.WithOutcomes(csv, ["1"]).Replace("companyName", "firm", StringComparison.Ordinal)));
        Assert.Contains(unknown.Problems, p => p.Contains("'firm'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_with_no_scorable_row_is_refused_with_the_first_reason()
    {
        var csv = BatchFileBuilder.WithOutcomes(new BatchFileBuilder().Add(AssessmentBuilder.Strong()).ToCsv(), ["perhaps"]);
        var error = await Assert.ThrowsAsync<OutcomeFileException>(() => Validate(csv));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_as_markdown_the_report_has_one_table_overall_and_one_per_sector()
    {
        var report = Validate(new WbesFileBuilder().AddFirms(100, seed: 6).ToCsv()).GetAwaiter().GetResult();
        var text = ValidationReportText.ToMarkdown(report);
        Assert.Contains("## All rows", text, StringComparison.Ordinal);
        Assert.Contains("| ROC AUC (higher is better) |", text, StringComparison.Ordinal);
        Assert.Equal(1 + report.Sectors.Count, text.Split("| metric | model | rubric | model − rubric |").Length - 1);
        Assert.Contains("## Rejected rows", text, StringComparison.Ordinal);
    }
}
