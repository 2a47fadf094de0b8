using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

public sealed record ModelDecision(bool PublishChallenger, HeldOutMetrics Champion, HeldOutMetrics Challenger, string Reason);

/// <summary>
/// A challenger replaces the champion only if it is better on the same held-out rows by a stated margin of
/// log-loss, so noise between two nearly equal models does not churn every score in the portfolio.
/// </summary>
public static class ChampionChallenger
{
    /// <summary>Required improvement in held-out log-loss (nats per row).</summary>
    public const double LogLossMargin = 0.002;

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
