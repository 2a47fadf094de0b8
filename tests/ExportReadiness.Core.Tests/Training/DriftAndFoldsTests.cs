using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests.Training;

/// <summary>The drift check's population stability index, and the folds the real rows are judged on.</summary>
public class DriftAndFoldsTests
{
    private static readonly TrainingProfile Profile = new(TrainingProfile.Real, 200,
        [0.05, 0.1, 0.15, 0.2, 0.2, 0.1, 0.1, 0.05, 0.03, 0.02],
        new Dictionary<string, IReadOnlyList<double>> { ["marketing"] = [0.1, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05] });

    private static RecentScores Recent(int count, Func<int, int> score)
    {
        var recent = new RecentScores();
        for (var i = 0; i < count; i++)
            recent.Add(new ScoringResult(score(i), ReadinessLevels.FromScore(score(i)), score(i) / 100.0, [new DimensionScore("marketing", score(i))], [], "v", DateTimeOffset.UnixEpoch));
        return recent;
    }

    [Fact]
    public void Recent_assessments_distributed_as_the_training_rows_show_no_shift()
    {
        // 100 scores spread as the profile's tenths: 5 in 0–9, 10 in 10–19, …
        var scores = Profile.Score.SelectMany((share, tenth) => Enumerable.Repeat(tenth * 10 + 5, (int)Math.Round(share * 100))).ToArray();
        var report = DriftReport.Of(Profile, "v", Recent(scores.Length, i => scores[i]), DateTimeOffset.UnixEpoch);
        Assert.Equal(0, report.Score!.Psi, 3);
        Assert.NotEqual("large", report.Level);
        Assert.False(report.Flagged);
    }

    [Fact]
    public void Recent_assessments_all_at_the_top_are_a_large_shift_and_flagged()
    {
        var report = DriftReport.Of(Profile, "v", Recent(60, _ => 95), DateTimeOffset.UnixEpoch);
        Assert.True(report.Score!.Psi >= DriftReport.LargeShift);
        Assert.True(report.Dimensions.Single(d => d.Id == "marketing").Large);
        Assert.Equal("large", report.Level);
        Assert.True(report.Flagged);
    }

    [Fact]
    public void Fewer_than_thirty_recent_assessments_are_too_few_to_say()
    {
        var report = DriftReport.Of(Profile, "v", Recent(DriftReport.MinimumAssessments - 1, _ => 95), DateTimeOffset.UnixEpoch);
        Assert.Equal("too-few", report.Level);
        Assert.False(report.Flagged);
    }

    [Fact]
    public void Stratified_folds_hold_about_the_same_share_of_each_outcome_and_repeat_differently_but_reproducibly()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 4 == 0).ToArray();
        var folds = new StratifiedFolds(labels, folds: 5, repeats: 2, seed: 7);
        foreach (var (repeat, fold) in folds.Splits())
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => folds.FoldOf(repeat, i) == fold).ToList();
            Assert.InRange(members.Count, 39, 41);
            Assert.InRange(members.Count(i => labels[i]), 9, 11);
        }
        Assert.Contains(Enumerable.Range(0, labels.Length), i => folds.FoldOf(0, i) != folds.FoldOf(1, i));
        var again = new StratifiedFolds(labels, folds: 5, repeats: 2, seed: 7);
        Assert.All(Enumerable.Range(0, labels.Length), i => Assert.Equal(folds.FoldOf(1, i), again.FoldOf(1, i)));
    }

    [Fact]
    public void Below_forty_real_labels_or_ten_of_an_outcome_the_prior_stays_in_use_and_the_decision_says_so()
    {
        static List<LabelledAssessment> Rows(int positives, int negatives) =>
            [.. OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, positives + negatives, seed: 5).Select((r, i) => r with { ExportReady = i < positives })];
        Assert.False(RealLabelLearning.Enough(Rows(20, 19)));
        Assert.False(RealLabelLearning.Enough(Rows(9, 60)));
        Assert.True(RealLabelLearning.Enough(Rows(10, 30)));

        var prior = new TrainedModel(null!, new ModelMetrics
        {
            Version = "p", Trainer = ModelTrainer.TrainerName, SchemaVersion = 1, FeatureCount = 1, TrainedAt = DateTimeOffset.UnixEpoch, TrainingRows = 1, HeldOutRows = 1,
            Model = new HeldOutMetrics(0.8, 0.45, 0.02), Rubric = new HeldOutMetrics(0.79, 0.46, 0.03), Candidates = [], SelectionReason = "",
            Monotonicity = new MonotonicityReport(10, 0, []), Recipe = ModelRecipe.Prior("prior-a"),
        });
        var labels = TrainingLabels.Of(Rows(5, 30), 35, []);
        var kept = PriorDecision.Decide(prior, ModelRecipe.Prior("prior-a"), prior.Metrics.Model, labels);
        Assert.False(kept.PublishChallenger);
        Assert.Contains("only 35 real labels (5 export-ready)", kept.Reason);
        Assert.Equal(PriorDecision.JudgedOnSynthetic, kept.JudgedOn);

        // A champion from before recipes meets the prior on the prior's held-out rows.
        var replaced = PriorDecision.Decide(prior, championRecipe: null, new HeldOutMetrics(0.7, 0.55, 0.05), labels);
        Assert.True(replaced.PublishChallenger, replaced.Reason);
    }
}
