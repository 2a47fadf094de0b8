using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;

namespace ExportReadiness.Core.Tests;

/// <summary>The bundled set's model for the tests that need a real one: trained once for the whole run (<see cref="TrainedOnce"/>), whichever class asks first.</summary>
public sealed class TrainedModelFixture
{
    public FeatureEncoder Encoder => TrainedOnce.Encoder;

    public TrainedModel Trained => TrainedOnce.Bundled;
}
