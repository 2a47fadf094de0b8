using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

/// <summary>"Don't know" is an answer at the bottom of its scale; a blank is judged by the rest of its dimension.</summary>
public class UnknownAnswerTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;

    private double Probability(IReadOnlyDictionary<string, Answer> answers, CompanyProfile company) =>
        fixture.Trained.Model.PredictProbability(fixture.Encoder.Encode(company, answers));

    [Fact]
    public void Leaving_an_optional_question_blank_moves_the_score_less_than_answering_it_at_either_extreme()
    {
        var mixed = AssessmentBuilder.Mixed().ToSubmission();
        var optional = Schema.Questions.Where(q => !q.Required && q.AppliesToSector(mixed.Company.Sector)).ToList();
        Assert.NotEmpty(optional);
        foreach (var question in optional)
        {
            var lowest = Probability(new Dictionary<string, Answer>(mixed.Answers) { [question.Id] = AnswerScale.OrderedChoices(question)[0] }, mixed.Company);
            var highest = Probability(new Dictionary<string, Answer>(mixed.Answers) { [question.Id] = AnswerScale.Top(question) }, mixed.Company);
            var blank = Probability(mixed.Answers.Where(a => a.Key != question.Id).ToDictionary(), mixed.Company);
            Assert.True(lowest < highest, $"{question.Id}: the model should care about it ({lowest} vs {highest})");
            Assert.True(lowest < blank && blank < highest, $"{question.Id}: blank {blank} should lie strictly between {lowest} and {highest}");
        }
    }

    [Fact]
    public void Dont_know_scores_exactly_as_the_lowest_real_answer_in_rubric_and_model()
    {
        var rubric = new Rubric(Schema);
        var mixed = AssessmentBuilder.Mixed().ToSubmission();
        var withDontKnow = Schema.Questions.Where(q => q.Options?.Any(o => o.DontKnow) == true).ToList();
        Assert.NotEmpty(withDontKnow);
        foreach (var question in withDontKnow)
        {
            var dontKnow = new Dictionary<string, Answer>(mixed.Answers) { [question.Id] = AnswerScale.OrderedChoices(question)[0] };
            var lowest = new Dictionary<string, Answer>(mixed.Answers) { [question.Id] = AnswerScale.OrderedChoices(question)[1] };
            Assert.True(question.Options!.Single(o => o.Value == dontKnow[question.Id].Choice).DontKnow);
            Assert.Equal(rubric.Score(mixed.Company.Sector, lowest), rubric.Score(mixed.Company.Sector, dontKnow));
            Assert.Equal(Probability(lowest, mixed.Company), Probability(dontKnow, mixed.Company));
        }
    }

    [Fact]
    public void Dont_know_is_a_valid_answer_for_the_form_and_the_batch_file()
    {
        var question = Schema.Questions.First(q => q.Options?.Any(o => o.DontKnow) == true && q.AppliesToSector("manufacturing"));
        var form = new SubmissionValidator(Schema).Validate(JsonDocument.Parse(AssessmentBuilder.Mixed().WithAnswer(question.Id, "dont_know").ToJsonString()).RootElement);
        Assert.True(form.IsValid, string.Join(", ", form.Messages.Keys));
        Assert.Equal("dont_know", form.Submission!.Answers[question.Id].Choice);

        var csv = new AssessmentCsv(Schema, new SubmissionValidator(Schema));
        var file = new BatchFileBuilder().Add(AssessmentBuilder.Mixed(), row => row[question.Id] = "dont_know").ToCsv();
        var rows = csv.Read(new StringReader(file), "default").ToList();
        Assert.Null(rows.Single().Rejection);
        Assert.Equal("dont_know", rows.Single().Submission!.Answers[question.Id].Choice);
    }

    [Fact]
    public void A_dont_know_option_that_earns_more_than_the_lowest_is_refused_by_the_schema_check()
    {
        using var resource = new StreamReader(typeof(QuestionnaireSchema).Assembly.GetManifestResourceStream("questionnaire.v1.json")!);
        var json = resource.ReadToEnd()
            .Replace("\"value\": \"dont_know\",\n          \"points\": 0", "\"value\": \"dont_know\",\n          \"points\": 1");
        var e = Assert.Throws<InvalidDataException>(() => QuestionnaireSchema.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
        Assert.Contains("don't know", e.Message);
    }
}
