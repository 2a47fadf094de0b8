using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Core.Tests;

public class ChampionChallengerTests
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
