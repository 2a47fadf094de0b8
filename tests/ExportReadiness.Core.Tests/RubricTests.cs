using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

public class RubricTests
{
    private readonly Rubric _rubric = new(QuestionnaireSchema.V1);

    [Fact]
    public void Top_answers_score_100_and_bottom_answers_score_0_in_every_dimension()
    {
        var strong = AssessmentBuilder.Strong().ToSubmission();
        var weak = AssessmentBuilder.Weak().ToSubmission();
        Assert.All(_rubric.Score(strong.Company.Sector, strong.Answers), d => Assert.Equal(100, d.Score));
        Assert.All(_rubric.Score(weak.Company.Sector, weak.Answers), d => Assert.Equal(0, d.Score));
    }

    [Fact]
    public void A_dimension_score_is_points_earned_over_points_possible()
    {
        var schema = QuestionnaireSchema.V1;
        var question = schema.Questions.First(q => q.Type == QuestionType.Choice && q.AppliesTo is null);
        var middle = question.Options!.OrderBy(o => o.Points).Skip(1).First();
        var submission = AssessmentBuilder.Strong().WithAnswer(question.Id, middle.Value).ToSubmission();

        var possible = schema.Questions.Where(q => q.Dimension == question.Dimension && q.AppliesToSector("manufacturing")).Sum(q => q.MaxPoints);
        var expected = (int)Math.Round(100.0 * (possible - question.MaxPoints + middle.Points) / possible);
        Assert.Equal(expected, _rubric.Score("manufacturing", submission.Answers).Single(d => d.Id == question.Dimension).Score);
    }

    [Fact]
    public void A_blank_optional_question_is_judged_by_the_rest_of_its_dimension()
    {
        var optional = QuestionnaireSchema.V1.Questions.First(q => !q.Required && q.AppliesTo is null);
        var others = QuestionnaireSchema.V1.Questions.Where(q => q.Dimension == optional.Dimension && q.Id != optional.Id && q.AppliesToSector("manufacturing")).ToList();
        var mixed = AssessmentBuilder.Mixed().ToSubmission().Answers;
        var lowest = new Dictionary<string, Answer>(mixed) { [optional.Id] = AnswerScale.OrderedChoices(optional)[0] };
        var highest = new Dictionary<string, Answer>(mixed) { [optional.Id] = AnswerScale.Top(optional) };
        var blank = mixed.Where(a => a.Key != optional.Id).ToDictionary();
        int Dimension(IReadOnlyDictionary<string, Answer> answers) => _rubric.Score("manufacturing", answers).Single(d => d.Id == optional.Dimension).Score;

        var expected = (int)Math.Round(100.0 * others.Sum(q => q.Evaluate(blank[q.Id]).Points) / others.Sum(q => q.MaxPoints));
        Assert.Equal(expected, Dimension(blank));
        Assert.InRange(Dimension(blank), Dimension(lowest), Dimension(highest));
    }

    [Fact]
    public void Dont_know_earns_what_the_lowest_answer_earns()
    {
        var withDontKnow = QuestionnaireSchema.V1.Questions.Where(q => q.Options?.Any(o => o.Value == "dont_know") == true).ToList();
        Assert.NotEmpty(withDontKnow);
        Assert.All(withDontKnow, question => Assert.Equal(0, question.Evaluate(Answer.Of("dont_know")).Points));
    }

    [Theory]
    [InlineData(0, ReadinessLevel.NotReady)]
    [InlineData(39, ReadinessLevel.NotReady)]
    [InlineData(40, ReadinessLevel.Emerging)]
    [InlineData(59, ReadinessLevel.Emerging)]
    [InlineData(60, ReadinessLevel.Ready)]
    [InlineData(79, ReadinessLevel.Ready)]
    [InlineData(80, ReadinessLevel.ExportReady)]
    [InlineData(100, ReadinessLevel.ExportReady)]
    public void Levels_follow_the_design_thresholds(int score, ReadinessLevel level) =>
        Assert.Equal(level, ReadinessLevels.FromScore(score));
}
