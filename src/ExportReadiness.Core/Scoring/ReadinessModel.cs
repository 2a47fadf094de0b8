using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// A trained model and its version. Single predictions go through a pool of prediction engines, because
/// one engine is not thread-safe and one per call is costly; many rows go through one engine of the pool.
/// The model is a calibrated linear one (logistic regression); its weights are read back so each score can
/// be decomposed into what every answer adds (<see cref="Logits"/>).
/// </summary>
public sealed class ReadinessModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _inputSchema;
    private readonly ObjectPool<PredictionEngine<ReadinessExample, ReadinessPrediction>> _engines;

    public ReadinessModel(MLContext ml, ITransformer transformer, int featureCount, string version)
    {
        _ml = ml;
        _transformer = transformer;
        var (linear, recalibration) = Parts(transformer)
            ?? throw new InvalidDataException($"Model {version} is not a calibrated linear model; it has to be retrained.");
        var weights = linear.Model.SubModel.Weights;
        if (weights.Count != featureCount)
            throw new InvalidDataException($"Model {version} has {weights.Count} weights, not {featureCount}.");
        // ML.NET's Platt calibrator: p = 1 / (1 + exp(slope · score + offset)), so the logit is −(slope · score + offset).
        // A model recalibrated on real labels carries a second Platt calibrator over the same raw score, which is the one
        // whose probability ML.NET returns (the later column of the same name wins).
        var calibrator = recalibration ?? linear.Model.Calibrator;
        if (recalibration is not null) Recalibration = new Training.PlattScaling(-recalibration.Slope, -recalibration.Offset);
        var slope = calibrator.Slope;
        _weights = [.. weights.Select(w => -slope * (double)w)];
        _bias = -(slope * (double)linear.Model.SubModel.Bias + calibrator.Offset);
        _inputSchema = InputSchema(featureCount);
        FeatureCount = featureCount;
        Version = version;
        _engines = new DefaultObjectPool<PredictionEngine<ReadinessExample, ReadinessPrediction>>(
            new EnginePolicy(this), maximumRetained: Environment.ProcessorCount * 4);
    }

    /// <summary>
    /// The linear model and, for a model recalibrated on real labels, the Platt calibrator after it: either ML.NET's
    /// logistic regression alone, or a chain of exactly that and a Platt calibrator over its score. Null for anything else.
    /// </summary>
    private static (ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> Linear, PlattCalibrator? Recalibration)? Parts(ITransformer transformer) =>
        transformer switch
        {
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> linear => (linear, null),
            TransformerChain<ITransformer> chain when chain.ToList() is [ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> linear,
                ISingleFeaturePredictionTransformer<PlattCalibrator> platt] => (linear, platt.Model),
            _ => null,
        };

    /// <summary>
    /// This model's linear part followed by a Platt calibrator fitted elsewhere (on real labels): the weights the
    /// explanation reads become slope·w, so scores and their explanations stay one and the same logit.
    /// </summary>
    internal ReadinessModel Recalibrated(ITransformer platt, string version) =>
        new(_ml, new TransformerChain<ITransformer>(Parts(_transformer)!.Value.Linear, platt), FeatureCount, version);

    /// <summary>The same model under another version (the prior published as a challenger).</summary>
    internal ReadinessModel Renamed(string version) => new(_ml, _transformer, FeatureCount, version);

    /// <summary>
    /// The linear part's own weights and bias, before any calibrator: its ML.NET <c>Score</c>, which a Platt
    /// calibrator fitted on real labels reads.
    /// </summary>
    internal (float[] Weights, float Bias) RawLinear()
    {
        var linear = Parts(_transformer)!.Value.Linear.Model.SubModel;
        return ([.. linear.Weights], linear.Bias);
    }

    private readonly double[] _weights;
    private readonly double _bias;

    /// <summary>The Platt scaling learned from real labels over the linear score, or null for a model that keeps its own calibration.</summary>
    public Training.PlattScaling? Recalibration { get; }

    public string Version { get; }

    /// <summary>The log-odds of a reference row whose every feature is 0.</summary>
    public double Bias => _bias;

    /// <summary>Each feature's weight on the log-odds (the calibrator folded in).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Each feature's term on the log-odds: weight × value. Bias + their sum is the row's logit.</summary>
    public double[] Logits(float[] features)
    {
        EnsureLength(features);
        var terms = new double[features.Length];
        for (var i = 0; i < features.Length; i++) terms[i] = _weights[i] * features[i];
        return terms;
    }

    /// <summary>The row's log-odds: bias + Σ weight × value, without the terms' array.</summary>
    public double Logit(float[] features)
    {
        EnsureLength(features);
        var logit = _bias;
        for (var i = 0; i < features.Length; i++) logit += _weights[i] * features[i];
        return logit;
    }

    /// <summary>
    /// How much the log-odds move when the features at <paramref name="indices"/> change from <paramref name="features"/>
    /// to <paramref name="changed"/> (the rest being as in <paramref name="features"/>): Σ weight × difference over those alone.
    /// </summary>
    public double LogitChange(float[] features, float[] changed, IReadOnlyList<int> indices)
    {
        EnsureLength(features);
        EnsureLength(changed);
        var change = 0.0;
        // Indexed, not foreach: over the interface an enumerator would be allocated on every one of a row's raises.
        for (var k = 0; k < indices.Count; k++) change += _weights[indices[k]] * (changed[indices[k]] - features[indices[k]]);
        return change;
    }

    /// <summary>As <see cref="LogitChange(float[], float[], IReadOnlyList{int})"/>, over one run of features.</summary>
    public double LogitChange(float[] features, float[] changed, Range range)
    {
        EnsureLength(features);
        EnsureLength(changed);
        var (start, length) = range.GetOffsetAndLength(features.Length);
        var change = 0.0;
        for (var i = start; i < start + length; i++) change += _weights[i] * (changed[i] - features[i]);
        return change;
    }

    public int FeatureCount { get; }

    public double PredictProbability(float[] features)
    {
        EnsureLength(features);
        var engine = _engines.Get();
        try
        {
            return engine.Predict(new ReadinessExample { Features = features }).Probability;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>
    /// Scores many rows with one pooled engine: the path for batches and re-scoring. Not through a data view: each new
    /// view of ML.NET emits and compiles its own accessors, which a scorer running a chunk after a chunk paid for as JIT
    /// time, finalizers and a growing heap on every chunk.
    /// </summary>
    public double[] PredictProbabilities(IReadOnlyList<float[]> rows)
    {
        foreach (var row in rows) EnsureLength(row);
        var probabilities = new double[rows.Count];
        var engine = _engines.Get();
        try
        {
            var example = new ReadinessExample();
            var prediction = new ReadinessPrediction();
            for (var i = 0; i < rows.Count; i++)
            {
                example.Features = rows[i];
                engine.Predict(example, ref prediction);
                probabilities[i] = prediction.Probability;
            }
        }
        finally
        {
            _engines.Return(engine);
        }
        return probabilities;
    }

    public void Save(Stream destination)
    {
        var data = _ml.Data.LoadFromEnumerable(Array.Empty<ReadinessExample>(), _inputSchema);
        _ml.Model.Save(_transformer, data.Schema, destination);
    }

    public static ReadinessModel Load(Stream source, int featureCount, string version)
    {
        var ml = new MLContext(seed: 1);
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = ml.Model.Load(source, out schema);
        }
        catch (Exception e) when (e is System.Reflection.TargetInvocationException or FileNotFoundException or FileLoadException
                                   or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // A model published by an earlier version may need a learner this one no longer ships (the tree models
            // needed Microsoft.ML.FastTree): it is a model of another kind, which the caller replaces, not a crash.
            throw new InvalidDataException($"Model {version} cannot be loaded by this version: {e.GetBaseException().Message}", e);
        }
        var column = schema.GetColumnOrNull(nameof(ReadinessExample.Features));
        if (column?.Type is not VectorDataViewType { Size: var size } || size != featureCount)
            throw new InvalidDataException($"Model {version} expects a different feature layout than this questionnaire ({featureCount} features).");
        return new ReadinessModel(ml, transformer, featureCount, version);
    }

    internal static SchemaDefinition InputSchema(int featureCount)
    {
        var definition = SchemaDefinition.Create(typeof(ReadinessExample));
        definition[nameof(ReadinessExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return definition;
    }

    private void EnsureLength(float[] features)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"Expected {FeatureCount} features, got {features.Length}.", nameof(features));
    }

    private sealed class EnginePolicy(ReadinessModel model) : IPooledObjectPolicy<PredictionEngine<ReadinessExample, ReadinessPrediction>>
    {
        public PredictionEngine<ReadinessExample, ReadinessPrediction> Create() =>
            model._ml.Model.CreatePredictionEngine<ReadinessExample, ReadinessPrediction>(
                model._transformer, ignoreMissingColumns: true, inputSchemaDefinition: model._inputSchema);

        public bool Return(PredictionEngine<ReadinessExample, ReadinessPrediction> obj) => true;
    }
}
