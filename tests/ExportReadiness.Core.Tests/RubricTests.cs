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
    public void An_unanswered_optional_question_earns_nothing()
    {
        var optional = QuestionnaireSchema.V1.Questions.First(q => !q.Required && q.AppliesTo is null);
        var full = AssessmentBuilder.Strong().ToSubmission();
        var partial = AssessmentBuilder.Strong().Without(optional.Id).ToSubmission();
        Assert.True(_rubric.Score("manufacturing", partial.Answers).Single(d => d.Id == optional.Dimension).Score
                    < _rubric.Score("manufacturing", full.Answers).Single(d => d.Id == optional.Dimension).Score);
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
