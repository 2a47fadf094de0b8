using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

public class SubmissionValidatorTests
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;
    private static readonly Question FirstChoice = Schema.Questions.First(q => q.Type == QuestionType.Choice && q.AppliesTo is null && q.Required);
    private static readonly Question FirstNumber = Schema.Questions.First(q => q.Type == QuestionType.Number && q.AppliesTo is null);
    private static readonly Question FirstYesNo = Schema.Questions.First(q => q.Type == QuestionType.YesNo && q.AppliesTo is null);
    private static readonly Question TourismOnly = Schema.Questions.First(q => q.AppliesTo?.Contains("tourism") == true);

    private static ValidationOutcome Validate(AssessmentBuilder builder) =>
        new SubmissionValidator(Schema).Validate(JsonDocument.Parse(builder.ToJsonString()).RootElement);

    [Fact]
    public void A_complete_questionnaire_is_valid_and_keeps_typed_answers()
    {
        var outcome = Validate(AssessmentBuilder.Strong());
        Assert.True(outcome.IsValid, string.Join(", ", outcome.Messages.Keys));
        Assert.Equal(Submission.DefaultProgramme, outcome.Submission!.Programme);
        Assert.Equal(FirstNumber.Max, outcome.Submission.Answers[FirstNumber.Id].Number);
        Assert.True(outcome.Submission.Answers[FirstYesNo.Id].YesNo);
    }

    [Fact]
    public void A_missing_required_answer_is_reported_under_its_question_id()
    {
        var outcome = Validate(AssessmentBuilder.Strong().Without(FirstChoice.Id));
        Assert.Equal(["answers." + FirstChoice.Id], outcome.Messages.Keys);
    }

    [Fact]
    public void Unknown_mistyped_and_out_of_range_answers_are_each_named()
    {
        var outcome = Validate(AssessmentBuilder.Strong()
            .WithAnswer("no_such_question", 1)
            .WithAnswer(FirstChoice.Id, 3)
            .WithAnswer(FirstYesNo.Id, "yes")
            .WithAnswer(FirstNumber.Id, FirstNumber.Max!.Value + 1));
        Assert.Contains("answers.no_such_question", outcome.Messages.Keys);
        Assert.Contains("answers." + FirstChoice.Id, outcome.Messages.Keys);
        Assert.Contains("answers." + FirstYesNo.Id, outcome.Messages.Keys);
        Assert.Contains($"between {FirstNumber.Min} and {FirstNumber.Max}", outcome.In(ResourceTexts.English)["answers." + FirstNumber.Id][0]);
    }

    [Fact]
    public void An_option_value_that_is_not_offered_lists_the_options()
    {
        var outcome = Validate(AssessmentBuilder.Strong().WithAnswer(FirstChoice.Id, "excellent-ish"));
        Assert.Contains(FirstChoice.Options![0].Value, outcome.In(ResourceTexts.English)["answers." + FirstChoice.Id][0]);
    }

    [Fact]
    public void Sector_module_questions_are_required_only_in_their_sector()
    {
        Assert.True(Validate(AssessmentBuilder.Strong().InSector("digital")).IsValid);
        Assert.Contains("answers." + TourismOnly.Id, Validate(AssessmentBuilder.Strong().InSector("tourism").Without(TourismOnly.Id)).Messages.Keys);
        Assert.Contains("answers." + TourismOnly.Id, Validate(AssessmentBuilder.Strong().InSector("digital").WithAnswer(TourismOnly.Id, true)).Messages.Keys);
    }

    [Theory]
    [InlineData("company.sector", "sector", "shipbuilding")]
    [InlineData("company.region", "region", "SE-XX")]
    [InlineData("company.employees", "employees", -3)]
    [InlineData("company.employees", "employees", 2.5)]
    [InlineData("company.exportSharePercent", "exportSharePercent", 140)]
    [InlineData("company.yearFounded", "yearFounded", 3000)]
    [InlineData("company.name", "name", "")]
    public void Bad_company_context_is_reported_by_field(string field, string property, object value)
    {
        var json = AssessmentBuilder.Strong().ToJson();
        json["company"]![property] = JsonValue.Create(value);
        var outcome = new SubmissionValidator(Schema).Validate(JsonDocument.Parse(json.ToJsonString()).RootElement);
        Assert.Contains(field, outcome.Messages.Keys);
    }

    [Fact]
    public void The_company_fields_are_bounded_by_the_schema_that_the_form_is_built_from()
    {
        var employees = Schema.Field("company.employees");
        var json = AssessmentBuilder.Strong().ToJson();
        json["company"]!["employees"] = employees.Max!.Value;
        Assert.True(new SubmissionValidator(Schema).Validate(JsonDocument.Parse(json.ToJsonString()).RootElement).IsValid);

        json["company"]!["employees"] = employees.Max!.Value + 1;
        var outcome = new SubmissionValidator(Schema).Validate(JsonDocument.Parse(json.ToJsonString()).RootElement);
        Assert.Contains($"{employees.Max}", outcome.In(ResourceTexts.English)["company.employees"].Single());

        // The founding year's upper bound is this year by the validator's clock, up to its last second.
        var newYearsEve = new SubmissionValidator(Schema, new FixedClock(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        json = AssessmentBuilder.Strong().ToJson();
        json["company"]!["yearFounded"] = 2026;
        Assert.True(newYearsEve.Validate(JsonDocument.Parse(json.ToJsonString()).RootElement).IsValid);
        json["company"]!["yearFounded"] = 2027;
        Assert.Contains("company.yearFounded", newYearsEve.Validate(JsonDocument.Parse(json.ToJsonString()).RootElement).Messages.Keys);
        Assert.Equal(QuestionnaireSchema.ContextFieldIds, Schema.Context.Select(f => f.Id));
    }

    [Fact]
    public void Too_long_names_and_a_wrong_schema_version_are_refused()
    {
        var outcome = Validate(AssessmentBuilder.Strong().Named(new string('x', QuestionnaireSchema.V1.Field("company.name").MaxLength!.Value + 1)).WithSchemaVersion(99));
        Assert.Contains("company.name", outcome.Messages.Keys);
        Assert.Contains("schemaVersion", outcome.Messages.Keys);
    }

    [Theory]
    [InlineData("Norrbotten/2026")]
    [InlineData("#1")]
    [InlineData("a?b")]
    public void A_programme_that_cannot_be_a_table_key_is_refused(string programme)
    {
        Assert.Contains("programme", Validate(AssessmentBuilder.Strong().InProgramme(programme)).Messages.Keys);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused_as_a_whole()
    {
        var outcome = new SubmissionValidator(Schema).Validate(JsonDocument.Parse("[1,2]").RootElement);
        Assert.Equal(["$"], outcome.Messages.Keys);
    }
}
