using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.Storage.Tests;

public class AssessmentEntityMapperTests
{
    [Fact]
    public void A_scored_results_explanation_survives_the_table_row_and_stays_small()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var questions = QuestionnaireSchema.V1.Questions.Select(q => new Contribution(q.Id, 1.5, 2.25)).ToList();
        var dimensions = QuestionnaireSchema.V1.Dimensions.Select(d => new Contribution(d.Id, 3.5, 7.5)).ToList();
        var result = new ScoringResult(51, ReadinessLevel.Emerging, 0.5123, [new DimensionScore("market", 40)], [], "v1", DateTimeOffset.UtcNow)
        {
            Explanation = new ScoreExplanation(9.5, dimensions, questions),
        };
        var assessment = new Assessment
        {
            Id = "mapper-test", Programme = "default", SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "", Status = AssessmentStatus.Scored, Result = result,
        };

        var entity = AssessmentEntityMapper.ToEntity(assessment);
        var back = AssessmentEntityMapper.FromEntity(entity).Result!;

        Assert.True(entity.GetString("ExplanationJson")!.Length < 32_000);
        Assert.Equal(9.5, back.Explanation!.Baseline);
        Assert.Equal(questions, back.Explanation.Questions);
        Assert.Equal(dimensions, back.Explanation.Dimensions);
    }

    [Fact]
    public void A_result_stored_before_explanations_existed_reads_back_without_one()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var assessment = new Assessment
        {
            Id = "mapper-old", Programme = "default", SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "", Status = AssessmentStatus.Scored,
            Result = new ScoringResult(51, ReadinessLevel.Emerging, 0.51, [], [], "v0", DateTimeOffset.UtcNow),
        };
        Assert.Null(AssessmentEntityMapper.FromEntity(AssessmentEntityMapper.ToEntity(assessment)).Result!.Explanation);
    }

    [Fact]
    public void The_reviews_message_to_the_sme_survives_the_row_and_a_row_from_before_messages_has_none()
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var review = new Review("mapper-review", Verdict.NotYet, "internal", "Anna Lind", DateTimeOffset.UtcNow) { MessageToSme = "Ta fram en prislista." };
        var assessment = new Assessment
        {
            Id = "mapper-review", Programme = "default", SchemaVersion = 1, Company = submission.Company, Product = submission.Product,
            Answers = submission.Answers, SubmittedAt = DateTimeOffset.UtcNow, AccessTokenHash = "", Review = review,
        };

        var entity = AssessmentEntityMapper.ToEntity(assessment);
        Assert.Equal("Ta fram en prislista.", AssessmentEntityMapper.FromEntity(entity).Review!.MessageToSme);

        entity.Remove("ReviewMessageToSme");
        var old = AssessmentEntityMapper.FromEntity(entity).Review!;
        Assert.Equal("", old.MessageToSme);
        Assert.Null(old.MessageForSme());
        Assert.Equal("internal", old.Note);
    }
}
