using ExportReadiness.Core.Validation;

namespace ExportReadiness.Testing;

/// <summary>Labelled rows for the model-against-rubric comparison, from a seeded generator: the same rows for the same seed.</summary>
public static class OutcomeRows
{
    /// <summary>Rows whose outcome follows a hidden strength that both sides see with noise.</summary>
    public static OutcomeRow[] Noisy(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var strength = random.NextDouble();
            return new OutcomeRow(
                Math.Clamp(strength + (random.NextDouble() - 0.5) * 0.6, 0, 1),
                Math.Clamp(strength * 100 + (random.NextDouble() - 0.5) * 70, 0, 100),
                random.NextDouble() < strength,
                "manufacturing");
        }).ToArray();
    }
}
