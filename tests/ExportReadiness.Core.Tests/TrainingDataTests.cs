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
    public void Every_evidence_weight_names_a_real_question_and_none_is_negative()
    {
        Assert.All(EvidenceWeights.Questions, w => Assert.True(Schema.QuestionsById.ContainsKey(w.Key), w.Key));
        Assert.All(Schema.Questions, q => Assert.True(EvidenceWeights.Questions.ContainsKey(q.Id), $"{q.Id} has no weight"));
        Assert.All(EvidenceWeights.Questions, w => Assert.True(w.Value >= 0, w.Key));
        Assert.All(Schema.Sectors, s => Assert.True(EvidenceWeights.Sectors.ContainsKey(s.Id), s.Id));
    }

    [Fact]
    public void Export_experience_weighs_most_training_little_and_spare_capacity_nothing()
    {
        var weights = EvidenceWeights.Questions;
        Assert.Equal("exp_export_history", weights.MaxBy(w => w.Value).Key);
        Assert.Equal(0, weights["ops_spare_capacity_percent"]);
        foreach (var weak in new[] { "org_export_training" })
            Assert.True(weights[weak] < weights["cert_quality_system"] / 2, weak);
        Assert.All(EvidenceWeights.Sectors, s => Assert.InRange(s.Value, -0.5, 0.5));
    }

    [Fact]
    public void A_better_answer_or_a_larger_firm_never_lowers_the_simulated_truth()
    {
        var set = new SyntheticTrainingSet(Schema);
        var mixed = Testing.AssessmentBuilder.Mixed().ToSubmission();
        var baseline = set.OutcomeLogit(mixed.Company, mixed.Answers);
        foreach (var question in Schema.Questions.Where(q => mixed.Answers.ContainsKey(q.Id)))
        {
            var top = new Dictionary<string, Answer>(mixed.Answers) { [question.Id] = AnswerScale.Top(question) };
            Assert.True(set.OutcomeLogit(mixed.Company, top) >= baseline, question.Id);
        }
        Assert.True(set.OutcomeLogit(mixed.Company with { Employees = 200 }, mixed.Answers) > set.OutcomeLogit(mixed.Company with { Employees = 5 }, mixed.Answers));
    }

    [Fact]
    public void Some_firms_at_the_bottom_answer_dont_know_and_the_truth_reads_it_as_the_bottom()
    {
        var rows = BundledTrainingSet.Load(Schema);
        Assert.Contains(rows, r => r.Answers.TryGetValue("ops_scalability", out var a) && a.Choice == "dont_know");
        var question = Schema.QuestionsById["ops_scalability"];
        Assert.Equal(SyntheticTrainingSet.LevelShare(question, Answer.Of("not_possible")), SyntheticTrainingSet.LevelShare(question, Answer.Of("dont_know")));
    }
}
