using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Core.Tests;

public class ChampionChallengerTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>
{
    private static readonly HeldOutMetrics Champion = new(Auc: 0.87, LogLoss: 0.430, ExpectedCalibrationError: 0.02);

    [Fact]
    public void A_worse_challenger_is_not_published()
    {
        var decision = ChampionChallenger.Decide(Champion, Champion with { LogLoss = 0.45, Auc = 0.85 });
        Assert.False(decision.PublishChallenger);
        Assert.Contains("Champion kept", decision.Reason);
    }

    [Fact]
    public void A_challenger_better_by_less_than_the_margin_is_not_published()
    {
        Assert.False(ChampionChallenger.Decide(Champion, Champion with { LogLoss = Champion.LogLoss - ChampionChallenger.LogLossMargin / 2 }).PublishChallenger);
    }

    [Fact]
    public void A_challenger_better_by_more_than_the_margin_is_published_with_both_metrics_in_the_reason()
    {
        var decision = ChampionChallenger.Decide(Champion, Champion with { LogLoss = 0.40, Auc = 0.89 });
        Assert.True(decision.PublishChallenger);
        Assert.Contains("0.4000", decision.Reason);
        Assert.Contains("0.4300", decision.Reason);
    }

    private TrainedModel Challenger(double logLoss, double auc, double rubricAuc, int violations) => fixture.Trained with
    {
        Metrics = fixture.Trained.Metrics with
        {
            Model = Champion with { LogLoss = logLoss, Auc = auc },
            Rubric = Champion with { Auc = rubricAuc },
            Monotonicity = new MonotonicityReport(10_000, violations, []),
        },
    };

    [Fact]
    public void A_better_monotone_challenger_that_ranks_at_least_as_well_as_the_rubric_is_published_and_all_gates_are_recorded()
    {
        var decision = ChampionChallenger.Decide(Champion, Challenger(logLoss: 0.40, auc: 0.89, rubricAuc: 0.85, violations: 0));
        Assert.True(decision.PublishChallenger);
        var run = new ModelRun { Id = "r", Trigger = "test", StartedAt = DateTimeOffset.UtcNow }.Recording(decision);
        Assert.Equal(0, run.ChallengerMonotonicityViolations);
        Assert.Equal(10_000, run.MonotonicityChecks);
        Assert.Equal(0.85, run.RubricAuc);
        Assert.Equal(0.89, run.ChallengerAuc);
        Assert.Equal(0.40, run.ChallengerLogLoss);
        Assert.Equal(0.430, run.ChampionLogLoss);
        Assert.True(run.Published);
    }

    [Fact]
    public void A_challenger_that_is_not_monotone_is_not_published_however_good()
    {
        var decision = ChampionChallenger.Decide(Champion, Challenger(logLoss: 0.30, auc: 0.95, rubricAuc: 0.85, violations: 1));
        Assert.False(decision.PublishChallenger);
        Assert.Contains("not monotone", decision.Reason);
        Assert.False(ChampionChallenger.Decide(null, Challenger(logLoss: 0.30, auc: 0.95, rubricAuc: 0.85, violations: 1)).PublishChallenger);
    }

    [Fact]
    public void A_challenger_that_ranks_worse_than_the_rubric_on_the_same_rows_is_not_published()
    {
        var decision = ChampionChallenger.Decide(Champion, Challenger(logLoss: 0.30, auc: 0.84, rubricAuc: 0.85, violations: 0));
        Assert.False(decision.PublishChallenger);
        Assert.Contains("worse than the rubric", decision.Reason);
    }

    [Fact]
    public void Without_a_champion_a_challenger_passing_both_other_gates_is_published_and_no_champion_figures_are_recorded()
    {
        var decision = ChampionChallenger.Decide(null, Challenger(logLoss: 0.45, auc: 0.86, rubricAuc: 0.85, violations: 0));
        Assert.True(decision.PublishChallenger);
        var run = new ModelRun { Id = "r", Trigger = "test", StartedAt = DateTimeOffset.UtcNow }.Recording(decision);
        Assert.Null(run.ChampionLogLoss);
        Assert.Equal(0.45, run.ChallengerLogLoss);
    }

    [Fact]
    public void Advisor_verdicts_keep_their_side_of_the_split_in_every_run()
    {
        var schema = Questionnaire.QuestionnaireSchema.V1;
        var rows = new SyntheticTrainingSet(schema).Generate(500).Select((r, i) => r with { Key = $"assessment-{i}" }).ToList();
        var first = ModelTrainer.Partition(rows).Test.Select(r => r.Key).ToHashSet();
        var second = ModelTrainer.Partition([.. rows.AsEnumerable().Reverse()]).Test.Select(r => r.Key).ToHashSet();
        Assert.Equal(first, second);
        Assert.InRange(first.Count, 70, 130); // about a fifth
    }
}
