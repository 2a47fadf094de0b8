using System.Reflection;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

/// <summary>
/// The validator's messages are keys of the <c>ApiTexts</c> resource files with their values; the words exist in
/// Swedish and English under the same fields, and only the words differ.
/// </summary>
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

        Assert.Equal([Messages.AnswerRequired], outcome.Messages["answers." + Required.Id]);
        Assert.Equal(["Ett svar krävs."], outcome.In(ResourceTexts.Swedish)["answers." + Required.Id]);
        Assert.Equal(["An answer is required."], outcome.In(ResourceTexts.English)["answers." + Required.Id]);
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

        var sv = outcome.In(ResourceTexts.Swedish);
        var en = outcome.In(ResourceTexts.English);
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
        Assert.Equal($"'sometimes' är inget svarsalternativ. Använd ett av: {options}.", outcome.In(ResourceTexts.Swedish)["answers." + Required.Id].Single());
        Assert.Equal($"'sometimes' is not an option. Use one of: {options}.", outcome.In(ResourceTexts.English)["answers." + Required.Id].Single());
    }

    [Fact]
    public void A_bound_and_a_date_in_a_message_are_written_invariantly_whatever_the_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
        try
        {
            Assert.Equal(["0.5", "-1500"], Messages.Between(0.5, -1500).Arguments);
            Assert.Equal(["2026-01-02", "2026-12-31"], Messages.DateBetween(new DateOnly(2026, 1, 2), new DateOnly(2026, 12, 31)).Arguments);
            Assert.Equal("Must be between 0.5 and -1500.", ResourceTexts.English.Text(Messages.Between(0.5, -1500)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Every_message_the_catalogue_can_make_has_words_in_both_files_and_they_differ()
    {
        var keys = typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Message)).Select(f => ((Message)f.GetValue(null)!).Key)
            .Concat(typeof(Messages).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Message)).Select(m => m.Name))
            .ToList();

        Assert.True(keys.Count > 90, $"{keys.Count} messages");
        Assert.All(keys, key =>
        {
            Assert.True(ResourceTexts.Swedish.Texts.TryGetValue(key, out var sv) && sv.Trim().Length > 0, $"{key} in ApiTexts.resx");
            Assert.True(ResourceTexts.English.Texts.TryGetValue(key, out var en) && en.Trim().Length > 0, $"{key} in ApiTexts.en.resx");
            Assert.NotEqual(en, sv);
        });
    }
}
