using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

public class ExplanationTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private readonly AssessmentScorer _scorer = new(fixture.Encoder);

    public static TheoryData<string, string> Profiles => new()
    {
        { "strong", "manufacturing" }, { "weak", "manufacturing" }, { "mixed", "manufacturing" },
        { "mixed", "tourism" }, { "mixed", "food" }, { "weak", "digital" }, { "strong", "mining" },
    };

    private ScoringResult Score(string profile, string sector)
    {
        var builder = profile switch { "strong" => AssessmentBuilder.Strong(), "weak" => AssessmentBuilder.Weak(), _ => AssessmentBuilder.Mixed() };
        var s = builder.InSector(sector).ToSubmission();
        return _scorer.Score(fixture.Trained.Model, s.Company, s.Answers, DateTimeOffset.UtcNow);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Baseline_plus_contributions_is_exactly_the_readiness_score(string profile, string sector)
    {
        var result = Score(profile, sector);
        var e = result.Explanation!;
        Assert.Equal(result.ReadinessScore * 10, (long)Math.Round(10 * e.Baseline) + e.Questions.Sum(q => (long)Math.Round(10 * q.Points)));
        Assert.Equal(result.ReadinessScore * 10, (long)Math.Round(10 * e.Baseline) + e.Dimensions.Sum(d => (long)Math.Round(10 * d.Points)));
        Assert.All(e.Questions, q => Assert.True(q.Points >= 0));
        Assert.InRange(e.Baseline, 0, result.ReadinessScore);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_dimensions_contribution_is_the_sum_of_its_questions(string profile, string sector)
    {
        var e = Score(profile, sector).Explanation!;
        var byId = QuestionnaireSchema.V1.QuestionsById;
        Assert.Equal(QuestionnaireSchema.V1.Dimensions.Select(d => d.Id).Order(), e.Dimensions.Select(d => d.Id).Order());
        foreach (var d in e.Dimensions)
            Assert.Equal(d.Points, e.Questions.Where(q => byId[q.Id].Dimension == d.Id).Sum(q => q.Points), 6);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_gap_is_a_question_the_explanation_says_has_headroom_and_none_with_more_is_left_out(string profile, string sector)
    {
        var result = Score(profile, sector);
        var headroom = result.Explanation!.Questions.ToDictionary(q => q.Id, q => q.Headroom);
        Assert.All(result.TopGaps, g => Assert.Equal(headroom[g.QuestionId], g.Impact));
        // With every gap place taken, no question left out has more headroom than the smallest gap; with places to
        // spare, every answer below the top is a gap, so a question left out has no headroom at all.
        var smallestGap = result.TopGaps.Count == AssessmentScorer.GapCount ? result.TopGaps.Min(g => g.Impact) : 0;
        var gapIds = result.TopGaps.Select(g => g.QuestionId).ToHashSet();
        var leftOut = result.Explanation.Questions.Where(q => !gapIds.Contains(q.Id)).ToList();
        Assert.NotEmpty(leftOut);
        Assert.All(leftOut, q => Assert.True(q.Headroom <= smallestGap, $"{q.Id}: headroom {q.Headroom} above the smallest gap {smallestGap}"));
    }

    [Fact]
    public void An_answer_at_the_top_has_no_headroom_and_a_strong_product_has_none_anywhere()
    {
        var e = Score("strong", "manufacturing").Explanation!;
        Assert.All(e.Questions, q => Assert.Equal(0, q.Headroom));
        Assert.All(e.Dimensions, d => Assert.Equal(0, d.Headroom));
    }

    [Fact]
    public void A_weak_product_owes_its_score_to_the_baseline_alone()
    {
        var result = Score("weak", "manufacturing");
        Assert.Equal(result.ReadinessScore, result.Explanation!.Baseline);
        Assert.All(result.Explanation.Questions, q => Assert.Equal(0, q.Points));
    }

    [Fact]
    public void Shares_split_a_whole_number_of_tenths_exactly()
    {
        Assert.Equal([4, 3, 3], ScoreExplainer.Share(10, [1, 1, 1]));
        Assert.Equal([0, 0], ScoreExplainer.Share(5, [0, 0]));
        Assert.Equal(137, ScoreExplainer.Share(137, [0.3, 2.9, 0, 1.1]).Sum());
    }

    /// <summary>
    /// The headroom the explainer works out by re-encoding only the raised dimension equals a full re-encoding of the raised
    /// answers, for every question and dimension, with blanks (which follow their dimension) and questions of another sector.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Each_headroom_equals_a_full_re_encoding_of_the_answers_raised(string profile, string sector)
    {
        var builder = profile switch { "strong" => AssessmentBuilder.Strong(), "weak" => AssessmentBuilder.Weak(), _ => AssessmentBuilder.Mixed() };
        foreach (var blank in QuestionnaireSchema.V1.Questions.Where(q => !q.Required).Take(3)) builder.Without(blank.Id);
        var s = builder.InSector(sector).ToSubmission();
        var model = fixture.Trained.Model;
        var result = _scorer.Score(model, s.Company, s.Answers, DateTimeOffset.UtcNow);
        var probability = Scoring.Evaluation.Sigmoid(model.Logit(fixture.Encoder.Encode(s.Company, s.Answers)));
        double FullHeadroom(IEnumerable<Question> raisedQuestions)
        {
            var raised = new Dictionary<string, Answer>(s.Answers);
            foreach (var q in raisedQuestions) raised[q.Id] = AnswerScale.Top(q);
            var logit = model.Bias + model.Logits(fixture.Encoder.Encode(s.Company, raised)).Sum();
            return Math.Round(100 * Math.Max(0, Scoring.Evaluation.Sigmoid(logit) - probability), 1);
        }
        var byId = QuestionnaireSchema.V1.QuestionsById;

        Assert.All(result.Explanation!.Questions, q => Assert.Equal(FullHeadroom([byId[q.Id]]), q.Headroom));
        Assert.All(result.Explanation.Dimensions, d => Assert.Equal(
            FullHeadroom(result.Explanation.Questions.Where(q => byId[q.Id].Dimension == d.Id).Select(q => byId[q.Id])), d.Headroom));
        if (profile != "strong") Assert.Contains(result.Explanation.Questions, q => q.Headroom > 0); // a strong profile is at the top already
    }
}
