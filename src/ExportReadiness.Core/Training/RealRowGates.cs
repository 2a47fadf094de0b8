using System.Globalization;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Validation;

namespace ExportReadiness.Core.Training;

/// <summary>
/// Whether a challenger trained on real labels replaces the champion, judged on the real rows only (cross-validated,
/// <see cref="RealRowComparison"/>). It is published only if all of these hold:
/// <list type="number">
/// <item>it is monotone: zero drops in <see cref="MonotonicityCheck"/>;</item>
/// <item>the labels carry a signal it found: its AUC's 95 % interval lies above 0.5, and its log-loss's difference from the
/// base rate's has a 95 % interval below 0 (random labels give neither, whatever near-constant model they produce);</item>
/// <item>its log-loss is lower than the champion's and its AUC not lower, on the same rows. When the champion was made the
/// same way (same prior, strength and recalibration) both are equal by construction, and the challenger is published
/// when its labels changed: the same method on newer labels.</item>
/// </list>
/// </summary>
public static class RealRowGates
{
    public static ModelDecision Decide(TrainedModel challenger, (string How, ModelRecipe? Recipe, bool Refitted)? champion)
    {
        var metrics = challenger.Metrics;
        var real = metrics.RealRows ?? throw new ArgumentException("The challenger was not judged on real rows.", nameof(challenger));
        var monotonicity = metrics.Monotonicity ?? throw new ArgumentException("The challenger has not been through the monotonicity check.", nameof(challenger));
        var failures = new List<string>();
        if (!monotonicity.Monotone)
            failures.Add($"it is not monotone: {monotonicity.Violations} of {monotonicity.Checks} one-step raises lowered its probability");
        if (!(real.Model.RocAuc.Lower > 0.5))
            failures.Add($"its AUC {Figure(real.Model.RocAuc)} does not lie above chance (0.5): the labels carry no ranking it could find");
        if (!(real.LogLossVersusBaseRate.Upper < 0))
            failures.Add($"its log-loss is not measurably below the base rate's (difference {Figure(real.LogLossVersusBaseRate)}): it knows no more than how common export readiness is");

        var sameMethod = champion is { Refitted: true, Recipe: { } r } && r.SameMethodAs(metrics.Recipe!);
        var newLabels = champion?.Recipe?.Labels.Fingerprint != metrics.Recipe!.Labels.Fingerprint;
        if (champion is not null)
        {
            var (auc, logLoss) = (real.AucVersusChampion!.Value!.Value, real.LogLossVersusChampion!.Value!.Value);
            if (auc < 0) failures.Add($"it ranks worse than the champion (AUC difference {Figure(real.AucVersusChampion)})");
            if (sameMethod && !newLabels) failures.Add("it is the champion's own recipe on the same labels: nothing new to learn");
            else if (!sameMethod && !(logLoss < 0)) failures.Add($"its log-loss is not lower than the champion's (difference {Figure(real.LogLossVersusChampion)})");
        }

        var judged = $"{real.Rows} real labels ({real.Positives} export-ready), {real.Folds}-fold cross-validation repeated {real.Repeats} times";
        var figures = $"Challenger (prior strength {RealLabelLearning.Strength(metrics.Recipe.PriorStrength ?? double.PositiveInfinity)}): log-loss {Figure(real.Model.LogLoss)}, AUC {Figure(real.Model.RocAuc)}" +
            (champion is null ? "" : $"; champion ({champion.Value.How}): log-loss {Figure(real.Champion!.LogLoss)}, AUC {Figure(real.Champion.RocAuc)}") +
            $"; prior: AUC {Figure(real.Prior.RocAuc)}; rubric: AUC {Figure(real.Rubric.RocAuc)}; monotone in {monotonicity.Checks - monotonicity.Violations} of {monotonicity.Checks} raises.";
        var publish = failures.Count == 0;
        var reason = publish
            ? $"Challenger published, judged on {judged}: " + (sameMethod ? "the champion's recipe re-fitted on changed labels. " : "lower log-loss and an AUC not lower than the champion's. ") + figures
            : $"Champion kept, judged on {judged}: {string.Join("; ", failures)}. {figures}";
        return new ModelDecision(publish, champion is null ? Held(real.Model) : Held(real.Champion!), Held(real.Model), reason)
        {
            HadChampion = champion is not null,
            MonotonicityViolations = monotonicity.Violations,
            MonotonicityChecks = monotonicity.Checks,
            RubricAuc = real.Rubric.RocAuc.Value,
            JudgedOn = judged,
        };
    }

    private static HeldOutMetrics Held(RealRowFigures f) =>
        new(f.RocAuc.Value ?? double.NaN, f.LogLoss.Value ?? double.NaN, f.Ece.Value ?? double.NaN) { Brier = f.Brier.Value };

    private static string Figure(Estimate? e) => e is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{e.Value:F4} [{e.Lower:F4}, {e.Upper:F4}]");
}
