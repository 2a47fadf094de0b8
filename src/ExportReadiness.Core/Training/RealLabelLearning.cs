using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>The model in use, for the judgement on real rows: its recipe decides whether it can be re-fitted fold by fold.</summary>
public sealed record ChampionModel(ReadinessModel Model, ModelRecipe? Recipe);

/// <summary>A challenger trained on real labels, and the judgement that publishes it or keeps the champion.</summary>
public sealed record LearningOutcome(TrainedModel Challenger, ModelDecision Decision);

/// <summary>
/// One nightly learning step on real labels: cross-validate every prior strength on the real rows
/// (<see cref="PriorWeightedTrainer"/>), choose one, refit on all real rows, check monotonicity, and judge the result
/// against the champion on the same real rows only (<see cref="RealRowGates"/>). No synthetic row is ever judged.
/// </summary>
public sealed class RealLabelLearning(FeatureEncoder encoder, PriorWeightOptions? options = null)
{
    /// <summary>Fewer real labels than this, or fewer of either class than <see cref="MinimumPerClass"/>, leave the prior in use.</summary>
    public const int MinimumLabels = 40;
    public const int MinimumPerClass = 10;

    private readonly PriorWeightedTrainer _trainer = new(encoder, options);

    public PriorWeightOptions Options => _trainer.Options;

    /// <summary>Whether there are enough real labels of both kinds to cross-validate on: 40, with 10 of each.</summary>
    public static bool Enough(IReadOnlyList<LabelledAssessment> real) =>
        real.Count >= MinimumLabels && real.Count(r => r.ExportReady) >= MinimumPerClass && real.Count(r => !r.ExportReady) >= MinimumPerClass;

    public LearningOutcome Learn(TrainedModel prior, IReadOnlyList<LabelledAssessment> synthetic, IReadOnlyList<LabelledAssessment> real, TrainingLabels labels,
        ChampionModel? champion, DateTimeOffset now, int monotonicitySamples = MonotonicityCheck.DefaultSamples, CancellationToken cancellationToken = default)
    {
        if (!Enough(real)) throw new ArgumentException($"At least {MinimumLabels} real labels with {MinimumPerClass} of each outcome are needed.", nameof(real));
        var priorVersion = prior.Metrics.Recipe?.PriorVersion ?? SyntheticPrior.Version;
        var x = real.Select(r => encoder.Encode(r.Company, r.Answers)).ToArray();
        var y = real.Select(r => r.ExportReady).ToArray();
        var folds = new StratifiedFolds(y, Options.Folds, Options.Repeats, Options.Seed);
        var soft = _trainer.SoftLabels(prior.Model, synthetic);

        // A champion made by this method on this prior is re-fitted fold by fold, exactly as the challenger: its strength joins the grid.
        var refittable = champion?.Recipe is { IsPriorAlone: false } recipe && recipe.PriorVersion == priorVersion ? recipe : null;
        var strengths = Options.Strengths.ToList();
        if (refittable is not null && !strengths.Contains(refittable.PriorStrength ?? double.PositiveInfinity)) strengths.Add(refittable.PriorStrength ?? double.PositiveInfinity);
        var results = _trainer.CrossValidate(soft, x, y, folds, strengths, cancellationToken);

        var priorScores = Fixed(prior.Model.PredictProbabilities(x));
        var (championScores, championHow) = champion switch
        {
            null => (null, null),
            _ when refittable is not null => (Scores(results.First(r => r.Follows(refittable))), "re-fitted fold by fold with its own recipe"),
            { Recipe: { IsPriorAlone: true } r } when r.PriorVersion == priorVersion => (priorScores, "the prior, which saw none of these rows"),
            _ => (Fixed(champion.Model.PredictProbabilities(x)), "scored as it stands (an older recipe: rows it was trained on favour it)"),
        };

        var chosen = Choose(results, y, folds, championScores);
        var version = $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{ModelTrainer.TrainerName.ToLowerInvariant()}";
        var model = _trainer.Refit(soft, x, y, chosen, version);
        var rubric = OutOfFold.Rubric(encoder.Schema, real, folds);
        var comparison = RealRowComparison.Of(y, folds, Scores(chosen), championScores, priorScores, rubric, OutOfFold.BaseRate(y, folds), seed: Options.Seed);
        var candidates = results.Select(r => new CandidateMetrics(r.Name, Measure(Scores(r), y, folds))).ToList();
        var metrics = new ModelMetrics
        {
            Version = version,
            Trainer = ModelTrainer.TrainerName,
            SchemaVersion = encoder.Schema.SchemaVersion,
            FeatureCount = encoder.FeatureCount,
            TrainedAt = now,
            TrainingRows = real.Count + soft.Features.Length,
            HeldOutRows = real.Count,
            AdvisorVerdicts = labels.Verdicts,
            Model = Measure(Scores(chosen), y, folds),
            Rubric = Measure(rubric, y, folds),
            Candidates = candidates,
            SelectionReason = $"{chosen.Name}: the strongest prior whose cross-validated log-loss on the {real.Count} real labels is within half a standard " +
                $"error of the best, ranking them no worse than the champion ({string.Join(", ", candidates.Select(c => $"{c.Trainer} {c.Validation.LogLoss:F4}"))}).",
            Monotonicity = MonotonicityCheck.Run(model, encoder, monotonicitySamples),
            Recipe = new ModelRecipe
            {
                PriorVersion = priorVersion,
                PriorStrength = double.IsFinite(chosen.Strength) ? chosen.Strength : null,
                Calibration = model.Recalibration,
                Labels = labels,
            },
            RealRows = comparison,
            WeightShifts = WeightShift.Between(encoder, prior.Model, model, chosen, real.Count),
            Reliability = ReliabilityBin.Of(chosen.Probabilities, y),
            Profile = TrainingProfile.Of(TrainingProfile.Real, [.. real.Select(r => (r.Company, r.Answers))], model, encoder),
        };
        var challenger = new TrainedModel(model, metrics);
        return new LearningOutcome(challenger, RealRowGates.Decide(challenger, champion is null ? null : (championHow!, champion.Recipe, refittable is not null)));
    }

    /// <summary>
    /// The strength to publish: among those that rank the real rows no worse than the champion, the lowest cross-validated
    /// log-loss; then, towards the prior, the strongest prior not worse than that by more than half a standard error of the
    /// paired per-row difference, so that noise in a small sample does not pull the model away from the evidence.
    /// </summary>
    private static CandidateFit Choose(IReadOnlyList<CandidateFit> results, bool[] y, StratifiedFolds folds, RealRowScores? champion)
    {
        var championAuc = champion is null ? double.NegativeInfinity : RealRowComparison.CrossValidatedAuc(champion, y, folds);
        var eligible = results.Where(r => RealRowComparison.CrossValidatedAuc(Scores(r), y, folds) >= championAuc).ToList();
        if (eligible.Count == 0) eligible = [.. results];
        var best = eligible.MinBy(r => Evaluation.LogLoss(r.Probabilities, y))!;
        var losses = RowLosses(best.Probabilities, y);
        // Towards the prior: a stronger prior first, and at one strength the fit's own probabilities before a recalibration.
        return eligible.Where(r => r.Strength >= best.Strength).OrderByDescending(r => r.Strength).ThenBy(r => r.Calibrated).First(r =>
        {
            var difference = RowLosses(r.Probabilities, y).Zip(losses, (a, b) => a - b).ToArray();
            var mean = difference.Average();
            var se = Math.Sqrt(difference.Sum(d => (d - mean) * (d - mean)) / (difference.Length - 1) / difference.Length);
            return mean <= TiltTowardsPrior * se;
        });
    }

    /// <summary>How many standard errors of log-loss a stronger prior may lose and still be chosen.</summary>
    public const double TiltTowardsPrior = 0.5;

    private static RealRowScores Scores(CandidateFit result) => new(result.Margins, result.Probabilities);

    private RealRowScores Fixed(double[] probabilities) => RealRowScores.Fixed(probabilities, probabilities, Options.Repeats);

    /// <summary>Held-out figures as the metrics file keeps them: AUC per split, the rest on the pooled out-of-fold probabilities.</summary>
    private static HeldOutMetrics Measure(RealRowScores scores, bool[] y, StratifiedFolds folds) =>
        Evaluation.Measure(scores.Probabilities, y) with { Auc = RealRowComparison.CrossValidatedAuc(scores, y, folds) };

    private static double[] RowLosses(double[] p, bool[] y) =>
        [.. p.Select((q, i) => -Math.Log(Math.Clamp(y[i] ? q : 1 - q, 1e-15, 1)))];

    /// <summary>A strength as people read it: a number of companies, or "prior only".</summary>
    public static string Strength(double strength) => double.IsFinite(strength) ? strength.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "prior only";
}
