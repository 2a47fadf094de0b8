using System.Collections.Concurrent;
using ExportReadiness.Core.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ExportReadiness.Core.Training;

/// <summary>How <see cref="PriorWeightedTrainer"/> fits and cross-validates; the defaults are what docs/training-data.md describes.</summary>
public sealed record PriorWeightOptions
{
    /// <summary>
    /// Prior strengths tried, in pseudo-companies (the synthetic rows' total weight): 0 is the real labels alone,
    /// infinity the prior alone (recalibrated on the real labels).
    /// </summary>
    public IReadOnlyList<double> Strengths { get; init; } = [0, 100, 300, 1000, 3000, 10000, double.PositiveInfinity];

    public int Folds { get; init; } = 5;
    public int Repeats { get; init; } = 2;
    public int Seed { get; init; } = 2013;

    /// <summary>Synthetic companies that carry the prior (every k-th of the bundled set): fewer make each fit cheaper.</summary>
    public int SyntheticRows { get; init; } = 1000;

    /// <summary>ML.NET's L2 term (towards zero), small beside the prior; it keeps the real-labels-only fit finite.</summary>
    public float L2 { get; init; } = 1f;

    /// <summary>
    /// The share of the prior's strength that also holds the context terms (sector, size, age) to the prior; the rest
    /// holds only the answers (the synthetic companies at a reference context). Below 1, real labels move context
    /// sooner than answers: the prior's context numbers rest on the weakest evidence.
    /// </summary>
    public double ContextShare { get; init; } = 0.1;
}

/// <summary>
/// Updates the evidence-based prior with real labels by a <b>prior-weighted refit</b>: ML.NET's non-negative L-BFGS
/// logistic regression (monotone by construction, as <see cref="ModelTrainer"/>) on the real rows, each weighing 1, plus
/// the synthetic companies labelled softly by the prior model (each one twice: export-ready with weight s·p/S, not with
/// s·(1 − p)/S, p the prior's probability). The synthetic part of the loss is then s × the mean cross-entropy between the
/// prior's and the model's probabilities, smallest exactly at the prior, so s (pseudo-companies) is how much the prior
/// counts: s → ∞ gives the prior, s = 0 the real labels alone. Context (sector, size, age) is held by only a share of s
/// (<see cref="PriorWeightOptions.ContextShare"/>), so real labels move it sooner. A candidate may also be Platt-scaled on
/// out-of-fold predictions of the real rows. The maths: docs/training-data.md.
/// </summary>
public sealed class PriorWeightedTrainer(FeatureEncoder encoder, PriorWeightOptions? options = null)
{
    public PriorWeightOptions Options { get; } = options ?? new PriorWeightOptions();

    /// <summary>The synthetic companies the prior speaks through, with the prior's probability for each.</summary>
    public SoftPrior SoftLabels(ReadinessModel prior, IReadOnlyList<LabelledAssessment> synthetic)
    {
        var step = Math.Max(1, synthetic.Count / Math.Max(1, Options.SyntheticRows));
        var features = synthetic.Where((_, i) => i % step == 0).Take(Options.SyntheticRows).Select(r => encoder.Encode(r.Company, r.Answers)).ToArray();
        // The same answers at the reference context (every context feature at its mean over these companies: the sector
        // shares, the mean log size and age), labelled by the prior there: they hold the answers and the intercept of an
        // average company, not the context terms.
        var (weights, bias) = prior.RawLinear();
        var mean = new float[encoder.FeatureCount];
        foreach (var f in features)
            for (var k = encoder.AnswerFeatureCount; k < f.Length; k++) mean[k] += f[k] / features.Length;
        var reference = features.Select(f => f.Select((v, k) => k < encoder.AnswerFeatureCount ? v : mean[k]).ToArray()).ToArray();
        return new SoftPrior(prior, features, [.. prior.PredictProbabilities(features).Select(p => (float)p)],
            reference, [.. reference.Select(f => (float)Evaluation.Sigmoid(Margin((weights, bias), f)))]);
    }

    /// <summary>
    /// Every strength on the same repeated stratified folds of the real rows: each fold's model is fitted without that
    /// fold and its raw scores on the fold are kept. Each strength gives two candidates: the fit's own probabilities, and
    /// those Platt-scaled by a calibration fitted on the other folds' scores (cross-fitted, so no row is calibrated on itself).
    /// </summary>
    public IReadOnlyList<CandidateFit> CrossValidate(SoftPrior prior, IReadOnlyList<float[]> real, IReadOnlyList<bool> labels, StratifiedFolds folds,
        IReadOnlyList<double>? strengths = null, CancellationToken cancellationToken = default)
    {
        strengths ??= Options.Strengths;
        var splits = folds.Splits().ToList();
        var fits = new ConcurrentDictionary<(int Strength, int Split), (float[] Weights, float Bias)>();
        var work = strengths.Select((s, k) => (s, k)).Where(x => double.IsFinite(x.s)).SelectMany(x => splits.Select((_, j) => (x.k, j))).ToList();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, item =>
        {
            var (repeat, fold) = splits[item.j];
            var training = Enumerable.Range(0, real.Count).Where(i => folds.FoldOf(repeat, i) != fold).ToList();
            fits[(item.k, item.j)] = Fit(new MLContext(Options.Seed), prior, training.Select(i => real[i]), training.Select(i => labels[i]), strengths[item.k]);
        });

        var priorLinear = prior.Model.RawLinear();
        var results = new List<CandidateFit>(strengths.Count);
        for (var k = 0; k < strengths.Count; k++)
        {
            var margins = new double[folds.Repeats][];
            var splitFits = new (float[] Weights, float Bias)[splits.Count];
            for (var j = 0; j < splits.Count; j++)
            {
                var (repeat, fold) = splits[j];
                splitFits[j] = double.IsFinite(strengths[k]) ? fits[(k, j)] : priorLinear;
                margins[repeat] ??= new double[real.Count];
                for (var i = 0; i < real.Count; i++)
                    if (folds.FoldOf(repeat, i) == fold) margins[repeat][i] = Margin(splitFits[j], real[i]);
            }
            results.Add(new CandidateFit(strengths[k], false, Uncalibrated(margins), margins, [.. splitFits.Select(f => (f.Weights, 1.0))]));
            results.Add(CrossFitCalibration(strengths[k], margins, splitFits, labels, folds));
        }
        return results;
    }

    /// <summary>The model on every real row at the chosen strength, Platt-scaled on its out-of-fold scores if that candidate was.</summary>
    public ReadinessModel Refit(SoftPrior prior, IReadOnlyList<float[]> real, IReadOnlyList<bool> labels, CandidateFit chosen, string version)
    {
        var ml = new MLContext(Options.Seed);
        var linear = double.IsFinite(chosen.Strength)
            ? new ReadinessModel(ml, Trainer(ml).Fit(Data(ml, prior, real, labels, chosen.Strength)), encoder.FeatureCount, version)
            : prior.Model.Renamed(version);
        if (!chosen.Calibrated) return linear;
        var scores = chosen.Margins.SelectMany(m => m).ToArray();
        var repeatedLabels = chosen.Margins.SelectMany(_ => labels).ToArray();
        return linear.Recalibrated(FitPlatt(ml, scores, repeatedLabels), version);
    }

    private static double[] Uncalibrated(double[][] margins)
    {
        var probabilities = new double[margins[0].Length];
        foreach (var repeat in margins)
            for (var i = 0; i < probabilities.Length; i++) probabilities[i] += Evaluation.Sigmoid(repeat[i]) / margins.Length;
        return probabilities;
    }

    private CandidateFit CrossFitCalibration(double strength, double[][] margins, (float[] Weights, float Bias)[] splitFits, IReadOnlyList<bool> labels, StratifiedFolds folds)
    {
        var ml = new MLContext(Options.Seed);
        var probabilities = new double[labels.Count];
        var slopes = new double[splitFits.Length];
        var j = 0;
        for (var repeat = 0; repeat < folds.Repeats; repeat++)
            for (var fold = 0; fold < folds.Folds; fold++, j++)
            {
                var others = Enumerable.Range(0, labels.Count).Where(i => folds.FoldOf(repeat, i) != fold).ToList();
                var platt = FitPlatt(ml, [.. others.Select(i => margins[repeat][i])], [.. others.Select(i => labels[i])]);
                var calibrator = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)platt).Model;
                slopes[j] = -calibrator.Slope;
                for (var i = 0; i < labels.Count; i++)
                    if (folds.FoldOf(repeat, i) == fold)
                        probabilities[i] += Evaluation.Sigmoid(-(calibrator.Slope * margins[repeat][i] + calibrator.Offset)) / folds.Repeats;
            }
        return new CandidateFit(strength, true, probabilities, margins, [.. splitFits.Select((f, s) => (f.Weights, slopes[s]))]);
    }

    /// <summary>
    /// ML.NET's Platt calibrator fitted on raw scores and their labels; it reads the score column the linear model writes.
    /// A fit that would turn the ranking round (slope of the wrong sign, as labels without signal can give) is replaced by
    /// the constant share of export-ready rows: a calibration may flatten the model, never reverse it.
    /// </summary>
    private static ITransformer FitPlatt(MLContext ml, double[] scores, bool[] labels)
    {
        var data = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new ScoredLabel { Score = (float)s, Label = labels[i] }));
        var platt = ml.BinaryClassification.Calibrators.Platt(nameof(ScoredLabel.Label), nameof(ScoredLabel.Score)).Fit(data);
        if (((ISingleFeaturePredictionTransformer<PlattCalibrator>)platt).Model.Slope < 0) return platt;
        var share = Math.Clamp(labels.Count(l => l) / (double)labels.Length, 1e-6, 1 - 1e-6);
        return ml.BinaryClassification.Calibrators.Platt(slope: 0, offset: -Math.Log(share / (1 - share)), nameof(ScoredLabel.Score)).Fit(data);
    }

    private (float[] Weights, float Bias) Fit(MLContext ml, SoftPrior prior, IEnumerable<float[]> real, IEnumerable<bool> labels, double strength)
    {
        var model = Trainer(ml).Fit(Data(ml, prior, [.. real], [.. labels], strength)).Model.SubModel;
        return ([.. model.Weights], model.Bias);
    }

    private IDataView Data(MLContext ml, SoftPrior prior, IReadOnlyList<float[]> real, IReadOnlyList<bool> labels, double strength)
    {
        var rows = new List<ReadinessExample>(real.Count + 2 * prior.Features.Length);
        for (var i = 0; i < real.Count; i++) rows.Add(new ReadinessExample { Features = real[i], Label = labels[i], Weight = 1f });
        if (strength > 0)
        {
            var perRow = strength / prior.Features.Length;
            void Soft(float[] x, float p, double weight)
            {
                if (weight <= 0) return;
                rows.Add(new ReadinessExample { Features = x, Label = true, Weight = (float)(weight * p) });
                rows.Add(new ReadinessExample { Features = x, Label = false, Weight = (float)(weight * (1 - p)) });
            }
            for (var i = 0; i < prior.Features.Length; i++)
            {
                Soft(prior.Features[i], prior.Probabilities[i], perRow * Options.ContextShare);
                Soft(prior.Reference[i], prior.ReferenceProbabilities[i], perRow * (1 - Options.ContextShare));
            }
        }
        return ml.Data.LoadFromEnumerable(rows, ReadinessModel.InputSchema(encoder.FeatureCount));
    }

    private LbfgsLogisticRegressionBinaryTrainer Trainer(MLContext ml) => ModelTrainer.Trainer(ml, Options.L2);

    private static double Margin((float[] Weights, float Bias) linear, float[] x)
    {
        double sum = linear.Bias;
        for (var k = 0; k < x.Length; k++) sum += linear.Weights[k] * (double)x[k];
        return sum;
    }

    private sealed class ScoredLabel
    {
        public float Score { get; set; }
        public bool Label { get; set; }
    }
}

/// <summary>The prior model and the synthetic companies it labels softly (its probability for each).</summary>
public sealed record SoftPrior(ReadinessModel Model, float[][] Features, float[] Probabilities, float[][] Reference, float[] ReferenceProbabilities);

/// <summary>
/// One candidate (a prior strength, Platt-scaled on real labels or not), cross-validated: each real row's out-of-fold
/// probability (averaged over the repeats), the raw out-of-fold scores per repeat (for the final Platt fit), and per split
/// the fold model's raw weights with the slope of the calibration applied to it (for the weights' jackknife intervals).
/// </summary>
public sealed record CandidateFit(double Strength, bool Calibrated, double[] Probabilities, double[][] Margins, IReadOnlyList<(float[] Weights, double Slope)> Splits)
{
    /// <summary>The same way of fitting as a recipe: same strength (null = the prior alone) and recalibrated or not.</summary>
    public bool Follows(ModelRecipe recipe) => Strength == (recipe.PriorStrength ?? double.PositiveInfinity) && Calibrated == recipe.Calibration is not null;

    public string Name => $"{ModelTrainer.TrainerName}(prior={RealLabelLearning.Strength(Strength)}{(Calibrated ? ", Platt" : "")})";
}
