using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// The run's decision while there are too few real labels to judge on (fewer than <see cref="RealLabelLearning.MinimumLabels"/>,
/// or fewer than <see cref="RealLabelLearning.MinimumPerClass"/> of either outcome): the prior is the model. A champion that is
/// the current prior is kept as it is; any other champion (a prior of another version, a model from before recipes, one
/// updated with labels since removed) is compared with the prior on the prior's own synthetic held-out rows, with
/// <see cref="ChampionChallenger"/>'s gates, as nothing real can judge them.
/// </summary>
public static class PriorDecision
{
    public const string JudgedOnSynthetic = "the synthetic set's held-out rows (too few real labels to judge on)";

    /// <param name="prior">The prior as trained now, its recipe recorded.</param>
    /// <param name="championRecipe">The champion's recipe; null for a model from before recipes.</param>
    /// <param name="championOnHeldOut">The champion measured on the prior's held-out rows; null without a champion.</param>
    public static ModelDecision Decide(TrainedModel prior, ModelRecipe? championRecipe, HeldOutMetrics? championOnHeldOut, TrainingLabels labels)
    {
        var decision = ChampionChallenger.Decide(championOnHeldOut, prior);
        var few = $"{labels.Rows} real labels ({labels.Positives} export-ready): at least {RealLabelLearning.MinimumLabels}, " +
                  $"with {RealLabelLearning.MinimumPerClass} of each outcome, are needed before they update the prior";
        decision = championOnHeldOut is not null && championRecipe is { IsPriorAlone: true } r && r.PriorVersion == prior.Metrics.Recipe?.PriorVersion
            ? decision with { PublishChallenger = false, Reason = $"Champion kept: it is the current prior, and there are only {few}." }
            : decision with { Reason = $"{decision.Reason} (Only {few}; the model in use should be the prior.)" };
        return decision with { JudgedOn = JudgedOnSynthetic };
    }
}
