using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Validation;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Validation;

public class WbesOutcomeReaderTests
{
    private static readonly string[] OutcomeVariables = ["d3a", "d3b", "d3c", "d4", "d8", "e1", "b2b"];

    private static readonly WbesOutcomeReader Reader = new(QuestionnaireSchema.V1, WbesMapping.V1, new FixedClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));

    private static OutcomeFile Read(WbesFileBuilder file) => Reader.Read(file.ToCsv());

    private static Dictionary<string, double?> Firm(params (string Variable, double? Value)[] values)
    {
        var firm = new Dictionary<string, double?> { ["a4a"] = 29, ["b5"] = 1990, ["l1"] = 40, ["d3c"] = 0 };
        foreach (var (variable, value) in values) firm[variable] = value;
        return firm;
    }

    [Fact]
    public void The_shipped_mapping_never_feeds_an_outcome_variable_into_the_score()
    {
        var inputs = WbesMapping.V1.InputVariables.ToList();
        Assert.NotEmpty(inputs);
        foreach (var variable in OutcomeVariables) Assert.DoesNotContain(variable, inputs, StringComparer.OrdinalIgnoreCase);
        Assert.All(WbesMapping.AlwaysForbidden, v => Assert.Contains(WbesMapping.V1.Forbidden, f => f.Variable == v));
        Assert.Equal("d3c", WbesMapping.V1.Label.Variable);
        Assert.Equal(10, WbesMapping.V1.Label.ThresholdPercent);
    }

    [Theory]
    [InlineData("d3b")]
    [InlineData("d3c")]
    [InlineData("d8")]
    [InlineData("e1")]
    public void A_mapping_that_feeds_an_outcome_variable_into_an_answer_is_refused(string variable)
    {
        var json = JsonNode.Parse(ShippedMappingJson())!;
        json["questions"]![0]!["variable"] = variable;
        json["forbidden"] = new JsonArray(); // even when the file forgets to list it
        var error = Assert.Throws<InvalidDataException>(() =>
            WbesMapping.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())), QuestionnaireSchema.V1));
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_variables_change_the_label_only_never_the_company_or_its_answers()
    {
        var file = new WbesFileBuilder().AddFirms(50, seed: 3);
        var before = Read(file).Rows;
        for (var i = 0; i < 50; i++)
            file.Change(i, "d3a", 1).Change(i, "d3b", 99).Change(i, "d8", 1901).Change(i, "e1", 3).Change(i, "b2b", 100);
        var after = Read(file).Rows;
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Company, after[i].Company);
            Assert.Equal(before[i].Answers.OrderBy(a => a.Key), after[i].Answers.OrderBy(a => a.Key));
            Assert.Equal(before[i].Outcome, after[i].Outcome);
            Assert.Equal(0, after[i].Company.ExportSharePercent);
        }
    }

    [Fact]
    public void Direct_exports_of_ten_percent_or_more_is_the_label_and_a_missing_share_rejects_the_firm()
    {
        var file = Read(new WbesFileBuilder()
            .AddFirm(Firm(("d3c", 10)))
            .AddFirm(Firm(("d3c", 9.5)))
            .AddFirm(Firm(("d3c", -9)))
            .AddFirm(Firm(("d3c", null)))
            .AddFirm(Firm(("d3c", 100))));
        Assert.Equal([true, false, true], file.Rows.Select(r => r.Outcome));
        Assert.Equal([4L, 5L], file.Rejected.Select(r => r.Line));
        Assert.All(file.Rejected, r => Assert.Contains("d3c", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Dont_know_and_does_not_apply_codes_leave_the_question_unanswered()
    {
        var rows = Read(new WbesFileBuilder()
            .AddFirm(Firm(("b8", -9), ("c22b", -9), ("f1", -7), ("l10", -8)))
            .AddFirm(Firm(("b8", 1), ("c22b", 2), ("f1", 70), ("l10", 1)))
            .AddFirm(Firm(("b8", -6), ("f1", 130)))).Rows;

        Assert.Empty(rows[0].Answers);
        Assert.Equal(Answer.Of(true), rows[1].Answers["cert_quality_system"]);
        Assert.Equal(Answer.Of(0.0), rows[1].Answers["digi_website_languages"]);
        Assert.Equal(Answer.Of(30.0), rows[1].Answers["ops_spare_capacity_percent"]);
        Assert.Equal(Answer.Of(true), rows[1].Answers["org_export_training"]);
        Assert.Equal(Answer.Of(false), rows[2].Answers["cert_quality_system"]); // -6: certification still in process
        Assert.Equal(Answer.Of(0.0), rows[2].Answers["ops_spare_capacity_percent"]); // clamped to the question's range
    }

    [Theory]
    [InlineData(15, "food")]
    [InlineData(20, "forestry")]
    [InlineData(24, "process")]
    [InlineData(29, "manufacturing")]
    [InlineData(55, "tourism")]
    [InlineData(72, "digital")]
    [InlineData(52, "other")]
    public void The_survey_sector_maps_to_a_questionnaire_sector(int a4a, string sector)
    {
        var row = Assert.Single(Read(new WbesFileBuilder().AddFirm(Firm(("a4a", a4a)))).Rows);
        Assert.Equal(sector, row.Company.Sector);
    }

    [Fact]
    public void Missing_size_and_founding_year_take_the_files_median_and_say_so()
    {
        var file = Read(new WbesFileBuilder()
            .AddFirm(Firm(("l1", 10), ("b5", 1980)))
            .AddFirm(Firm(("l1", 30), ("b5", 2000)))
            .AddFirm(Firm(("l1", -9), ("b5", -9))));
        Assert.Equal(20, file.Rows[2].Company.Employees);
        Assert.Equal(1990, file.Rows[2].Company.YearFounded);
        Assert.Contains(file.Notes, n => n.Contains("l1 missing for 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_without_the_label_column_is_refused_whole()
    {
        var error = Assert.Throws<OutcomeFileException>(() =>
            Reader.Read("idstd,a4a,b8\n1,15,1\n"));
        Assert.Contains("d3c", error.Message, StringComparison.Ordinal);
    }

    private static string ShippedMappingJson()
    {
        using var stream = typeof(WbesMapping).Assembly.GetManifestResourceStream(WbesMapping.ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void The_shipped_mapping_answers_only_questions_the_questionnaire_has()
    {
        Assert.Empty(WbesMapping.V1.Problems(QuestionnaireSchema.V1));
        var unmapped = WbesMapping.V1.Questions.Where(q => q.Question is null).ToList();
        Assert.NotEmpty(unmapped); // survey variables the questionnaire has no question for are listed, not left out
        Assert.All(unmapped, q => Assert.Equal("none", q.Strength));
        // Written out with the API's options, it reads back as the same mapping.
        var json = JsonSerializer.Serialize(WbesMapping.V1, QuestionnaireSchema.JsonOptions);
        var again = WbesMapping.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), QuestionnaireSchema.V1);
        Assert.Equal(json, JsonSerializer.Serialize(again, QuestionnaireSchema.JsonOptions));
    }
}
