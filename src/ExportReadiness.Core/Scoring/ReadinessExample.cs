using Microsoft.ML.Data;

namespace ExportReadiness.Core.Scoring;

/// <summary>One row as ML.NET sees it. The vector length is set at run time from the schema.</summary>
public sealed class ReadinessExample
{
    [VectorType]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    /// <summary>Advisor verdicts can weigh more than synthetic rows.</summary>
    public float Weight { get; set; } = 1f;
}

public sealed class ReadinessPrediction
{
    public bool PredictedLabel { get; set; }
    public float Score { get; set; }
    public float Probability { get; set; }
}
