using System.Reflection;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

/// <summary>The validator's messages exist in Swedish and English, under the same fields; only the words differ.</summary>
public class ValidationMessageTests
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;
    private static readonly Question Required = Schema.Questions.First(q => q.Type == QuestionType.Choice && q.Required && q.AppliesTo is null);
    private static readonly Question Number = Schema.Questions.First(q => q.Type == QuestionType.Number && q.AppliesTo is null);

    private static ValidationOutcome Validate(AssessmentBuilder builder) =>
        new SubmissionValidator(Schema).Validate(JsonDocument.Parse(builder.ToJsonString()).RootElement);

    [Fact]
    public void A_missing_answer_reads_ett_svar_kravs_in_swedish_and_an_answer_is_required_in_english()
    {
        var outcome = Validate(AssessmentBuilder.Strong().Without(Required.Id));

        Assert.Equal(["Ett svar krävs."], outcome.In("sv")["answers." + Required.Id]);
        Assert.Equal(["An answer is required."], outcome.In("en")["answers." + Required.Id]);
        Assert.Equal(outcome.In("en")["answers." + Required.Id], outcome.Errors["answers." + Required.Id]); // English is what Errors has always given
    }

    [Fact]
    public void Every_error_of_a_badly_filled_questionnaire_has_a_swedish_and_an_english_message_under_the_same_field()
    {
        var outcome = Validate(AssessmentBuilder.Strong()
            .Without(Required.Id)
            .WithAnswer("no_such_question", 1)
            .WithAnswer(Number.Id, Number.Max!.Value + 1)
            .WithEmployees("many")
            .InProgramme("#bad"));

        var sv = outcome.In("sv");
        var en = outcome.In("en");
        Assert.Equal(new[] { "answers." + Number.Id, "answers." + Required.Id, "answers.no_such_question", "company.employees", "programme" }.Order(), sv.Keys.Order());
        Assert.Equal(en.Keys.Order(), sv.Keys.Order());
        foreach (var field in en.Keys)
        {
            Assert.Equal(en[field].Length, sv[field].Length);
            Assert.All(sv[field].Zip(en[field]), pair => Assert.NotEqual(pair.Second, pair.First));
        }
        Assert.Equal($"Måste vara mellan {Number.Min} och {Number.Max}.", sv["answers." + Number.Id].Single());
        Assert.Equal($"Must be between {Number.Min} and {Number.Max}.", en["answers." + Number.Id].Single());
        Assert.Equal("Okänt fråge-id.", sv["answers.no_such_question"].Single());
    }

    [Fact]
    public void An_unknown_option_names_the_options_in_both_languages()
    {
        var outcome = Validate(AssessmentBuilder.Strong().WithAnswer(Required.Id, "sometimes"));

        var options = string.Join(", ", Required.Options!.Select(o => o.Value));
        Assert.Equal($"'sometimes' är inget svarsalternativ. Använd ett av: {options}.", outcome.In("sv")["answers." + Required.Id].Single());
        Assert.Equal($"'sometimes' is not an option. Use one of: {options}.", outcome.In("en")["answers." + Required.Id].Single());
    }

    [Fact]
    public void Every_message_in_the_catalogue_has_both_languages_and_they_differ()
    {
        var texts = typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(LocalizedText))
            .Select(f => (f.Name, Text: (LocalizedText)f.GetValue(null)!))
            .ToList();

        Assert.True(texts.Count > 30);
        Assert.All(texts, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Text.Sv), t.Name);
            Assert.False(string.IsNullOrWhiteSpace(t.Text.En), t.Name);
            Assert.NotEqual(t.Text.En, t.Text.Sv);
        });
    }
}
