using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

public class MonotonicityTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Raising_any_answer_by_one_step_never_lowers_the_probability_in_ten_thousand_random_tries()
    {
        var report = MonotonicityCheck.Run(fixture.Trained.Model, fixture.Encoder, samples: 10_000, seed: 2026);
        Assert.Equal(10_000, report.Checks);
        Assert.True(report.Monotone, $"{report.Violations} drops, e.g. {string.Join("; ", report.Examples)}");
    }

    [Fact]
    public void The_check_also_holds_for_a_model_loaded_back_from_its_zip()
    {
        using var zip = new MemoryStream();
        fixture.Trained.Model.Save(zip);
        zip.Position = 0;
        var loaded = ReadinessModel.Load(zip, fixture.Encoder.FeatureCount, "reloaded");
        Assert.Equal(0, MonotonicityCheck.Run(loaded, fixture.Encoder, samples: 2_000, seed: 5).Violations);
    }

    [Fact]
    public void Climbing_a_question_from_bottom_to_top_never_lowers_the_displayed_score()
    {
        var scorer = new AssessmentScorer(fixture.Encoder);
        var questions = QuestionnaireSchema.V1.Questions.Where(q => q.AppliesToSector("manufacturing")).ToList();
        Assert.NotEmpty(questions);
        foreach (var question in questions)
        {
            var scores = AnswerScale.OrderedChoices(question).Select(answer =>
            {
                var s = AssessmentBuilder.Mixed().WithAnswer(question.Id, AnswerJson(answer)).ToSubmission();
                return scorer.Score(fixture.Trained.Model, s.Company, s.Answers, DateTimeOffset.UtcNow).Probability;
            }).ToList();
            Assert.Equal(scores.Order(), scores);
        }
    }

    [Fact]
    public void Dont_know_sits_at_the_bottom_of_its_question()
    {
        var withDontKnow = QuestionnaireSchema.V1.Questions.Where(q => q.Options?.Any(o => o.Value == "dont_know") == true).ToList();
        Assert.NotEmpty(withDontKnow);
        foreach (var question in withDontKnow)
        {
            Assert.Equal(Answer.Of("dont_know"), AnswerScale.OrderedChoices(question)[0]);
            Assert.Equal(0, AnswerScale.LevelOf(question, Answer.Of("dont_know")));
        }
    }

    internal static System.Text.Json.Nodes.JsonNode AnswerJson(Answer a) =>
        a.Choice is { } c ? c : a.YesNo is { } b ? b : a.Number!.Value;
}
