using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Core.Tests;

public class TrainingDataTests
{
    private static readonly QuestionnaireSchema Schema = QuestionnaireSchema.V1;

    [Fact]
    public void The_same_seed_generates_the_same_rows()
    {
        static string Csv(int seed)
        {
            var writer = new StringWriter();
            TrainingCsv.Write(writer, Schema, new SyntheticTrainingSet(Schema, seed).Generate(300));
            return writer.ToString();
        }
        Assert.Equal(Csv(5), Csv(5));
        Assert.NotEqual(Csv(5), Csv(6));
    }

    [Fact]
    public void The_bundled_set_has_at_least_5000_rows_with_both_outcomes_and_every_sector()
    {
        var rows = BundledTrainingSet.Load(Schema);
        Assert.True(rows.Count >= 5000);
        Assert.InRange(rows.Count(r => r.ExportReady) / (double)rows.Count, 0.2, 0.6);
        Assert.All(Schema.Sectors, s => Assert.Contains(rows, r => r.Company.Sector == s.Id));
    }

    [Fact]
    public void The_bundled_file_is_what_the_generator_writes()
    {
        var bundled = BundledTrainingSet.Load(Schema);
        var regenerated = new SyntheticTrainingSet(Schema).Generate(bundled.Count).ToList();
        Assert.Equal(bundled.Select(r => r.ExportReady), regenerated.Select(r => r.ExportReady));
    }

    [Fact]
    public void Weak_management_commitment_caps_readiness_whatever_else_is_strong()
    {
        var set = new SyntheticTrainingSet(Schema);
        var strong = Testing.AssessmentBuilder.Strong().ToSubmission();
        var noManagement = Schema.Questions.Where(q => q.Dimension == "management")
            .Aggregate(Testing.AssessmentBuilder.Strong(), (b, q) => b.WithAnswer(q.Id, q.Type switch
            {
                QuestionType.Choice => q.Options!.MinBy(o => o.Points)!.Value,
                QuestionType.YesNo => false,
                _ => q.Min!.Value,
            })).ToSubmission();
        Assert.True(Evaluation.Sigmoid(set.OutcomeLogit(strong.Company, strong.Answers)) > 0.9);
        Assert.True(Evaluation.Sigmoid(set.OutcomeLogit(noManagement.Company, noManagement.Answers)) < 0.1);
    }

    [Fact]
    public void Certifications_weigh_more_in_regulated_sectors()
    {
        var set = new SyntheticTrainingSet(Schema);
        double Drop(string sector)
        {
            var full = Testing.AssessmentBuilder.Mixed().InSector(sector).ToSubmission();
            var noCerts = Schema.Questions.Where(q => q.Dimension == "certifications" && q.AppliesToSector(sector))
                .Aggregate(Testing.AssessmentBuilder.Mixed().InSector(sector), (b, q) => b.WithAnswer(q.Id, q.Type switch
                {
                    QuestionType.Choice => q.Options!.MinBy(o => o.Points)!.Value,
                    QuestionType.YesNo => false,
                    _ => q.Min!.Value,
                })).ToSubmission();
            return set.OutcomeLogit(full.Company, full.Answers) - set.OutcomeLogit(noCerts.Company, noCerts.Answers);
        }
        Assert.True(Drop("food") > 2 * Drop("digital"));
    }
}
