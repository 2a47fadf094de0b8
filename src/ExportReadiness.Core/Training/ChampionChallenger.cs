using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

public sealed record ModelDecision(bool PublishChallenger, HeldOutMetrics Champion, HeldOutMetrics Challenger, string Reason)
{
    /// <summary>Raises of one answer that lowered the challenger's probability, out of <see cref="MonotonicityChecks"/>.</summary>
    public int? MonotonicityViolations { get; init; }
    public int? MonotonicityChecks { get; init; }

    /// <summary>The rubric's AUC on the challenger's held-out rows.</summary>
    public double? RubricAuc { get; init; }

    /// <summary>False when there was no champion to compare with (then <see cref="Champion"/> repeats the challenger's figures).</summary>
    public bool HadChampion { get; init; } = true;

    /// <summary>What the two were measured on: cross-validation on real labels, or the synthetic set's held-out rows.</summary>
    public string? JudgedOn { get; init; }
}

/// <summary>
/// A challenger replaces the champion only if it passes three gates on the same held-out rows: it is monotone
/// (zero drops in <see cref="MonotonicityCheck"/>), it ranks no worse than the plain rubric (AUC not lower),
/// and its log-loss beats the champion's by a stated margin, so noise between two nearly equal models does
/// not churn every score in the portfolio.
/// </summary>
public static class ChampionChallenger
{
    /// <summary>Required improvement in held-out log-loss (nats per row).</summary>
    public const double LogLossMargin = 0.002;

    /// <summary>
    /// All three gates. <paramref name="champion"/> is the current model measured on the challenger's held-out
    /// rows (<see cref="ModelTrainer.Measure"/>), or null when there is none yet (then only the first two gates apply).
    /// </summary>
    public static ModelDecision Decide(HeldOutMetrics? champion, TrainedModel challenger)
    {
        var metrics = challenger.Metrics;
        var monotonicity = metrics.Monotonicity
            ?? throw new ArgumentException("The challenger has not been through the monotonicity check.", nameof(challenger));
        var rubricAuc = metrics.Rubric.Auc;
        var failures = new List<string>();
        if (!monotonicity.Monotone)
            failures.Add($"not monotone: {monotonicity.Violations} of {monotonicity.Checks} one-step raises lowered its probability");
        if (!(metrics.Model.Auc >= rubricAuc))
            failures.Add($"ranks worse than the rubric on the same held-out rows (AUC {metrics.Model.Auc:F4} vs {rubricAuc:F4})");

        ModelDecision decision;
        if (champion is null)
        {
            decision = failures.Count == 0
                ? new ModelDecision(true, metrics.Model, metrics.Model, $"No champion: the challenger is published (monotone in {monotonicity.Checks} raises; AUC {metrics.Model.Auc:F4} vs rubric {rubricAuc:F4}).")
                : new ModelDecision(false, metrics.Model, metrics.Model, $"No champion, and the challenger is not published: {string.Join("; ", failures)}.");
        }
        else
        {
            var byLogLoss = Decide(champion, metrics.Model);
            decision = failures.Count == 0
                ? byLogLoss
                : byLogLoss with { PublishChallenger = false, Reason = $"Champion kept: the challenger is {string.Join("; ", failures)}. {byLogLoss.Reason}" };
        }
        return decision with { HadChampion = champion is not null, MonotonicityViolations = monotonicity.Violations, MonotonicityChecks = monotonicity.Checks, RubricAuc = rubricAuc };
    }

    /// <summary>The log-loss gate alone. The nightly job should call <see cref="Decide(HeldOutMetrics?, TrainedModel)"/>, which adds the other two.</summary>
    public static ModelDecision Decide(HeldOutMetrics champion, HeldOutMetrics challenger)
    {
        var improvement = champion.LogLoss - challenger.LogLoss;
        var publish = improvement > LogLossMargin;
        var reason = publish
            ? $"Challenger published: held-out log-loss {challenger.LogLoss:F4} beats the champion's {champion.LogLoss:F4} by {improvement:F4} (> {LogLossMargin}); AUC {challenger.Auc:F4} vs {champion.Auc:F4}."
            : $"Champion kept: challenger log-loss {challenger.LogLoss:F4} vs champion {champion.LogLoss:F4} is not better by more than {LogLossMargin}; AUC {challenger.Auc:F4} vs {champion.Auc:F4}.";
        return new ModelDecision(publish, champion, challenger, reason);
    }
}
