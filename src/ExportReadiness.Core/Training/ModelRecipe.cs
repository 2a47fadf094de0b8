namespace ExportReadiness.Core.Training;

/// <summary>
/// How a model was made: which prior, how strongly it counted, whether real labels recalibrated it, and which labels it
/// learned from. A later run reads the champion's recipe to judge it fairly: a recipe on the current prior is re-fitted
/// fold by fold on the real rows, exactly as the challenger is, instead of being scored on rows it was trained on.
/// </summary>
public sealed record ModelRecipe
{
    /// <summary>The prior the model starts from (<see cref="SyntheticPrior.Version"/>).</summary>
    public required string PriorVersion { get; init; }

    /// <summary>
    /// How many companies the prior counted as beside the real labels (<see cref="PriorWeightedTrainer"/>); null for the
    /// prior alone (infinitely strong): the prior itself, or the prior recalibrated on real labels.
    /// </summary>
    public double? PriorStrength { get; init; }

    /// <summary>The Platt scaling learned from real labels (p = σ(slope · score + offset)); null when the prior's own calibration is kept.</summary>
    public PlattScaling? Calibration { get; init; }

    public required TrainingLabels Labels { get; init; }

    /// <summary>The prior alone, as the bundled set trains it: no real label, no recalibration.</summary>
    public static ModelRecipe Prior(string priorVersion) => new() { PriorVersion = priorVersion, Labels = TrainingLabels.None };

    /// <summary>The prior, unchanged by any real label.</summary>
    public bool IsPriorAlone => PriorStrength is null && Calibration is null;

    /// <summary>The same way of fitting (prior, strength, recalibration), whatever labels it was fitted on.</summary>
    public bool SameMethodAs(ModelRecipe other) =>
        PriorVersion == other.PriorVersion && PriorStrength == other.PriorStrength && (Calibration is null) == (other.Calibration is null);
}

/// <summary>Platt scaling on a linear model's raw score: p = σ(Slope · score + Offset).</summary>
public sealed record PlattScaling(double Slope, double Offset);

/// <summary>The real labels a model learned from: the advisors' verdicts and each kept outcome set, with counts.</summary>
public sealed record TrainingLabels
{
    public static readonly TrainingLabels None = new();

    /// <summary>Advisor verdicts (one per reviewed assessment, the verdict in force).</summary>
    public int Verdicts { get; init; }

    public IReadOnlyList<OutcomeSetUse> OutcomeSets { get; init; } = [];

    /// <summary>Real rows in all, and how many of them were export-ready.</summary>
    public int Rows => Verdicts + OutcomeSets.Sum(s => s.Rows);

    public int Positives { get; init; }

    /// <summary>A digest of every real row's key and label: equal digests, equal labels.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Value equality, the set list included: a run read back from storage equals the run saved.</summary>
    public bool Equals(TrainingLabels? other) =>
        other is not null && Verdicts == other.Verdicts && Positives == other.Positives && Fingerprint == other.Fingerprint && OutcomeSets.SequenceEqual(other.OutcomeSets);

    public override int GetHashCode() => HashCode.Combine(Verdicts, Positives, Fingerprint, OutcomeSets.Count);

    /// <summary>The labels of these rows, counted and fingerprinted.</summary>
    public static TrainingLabels Of(IReadOnlyList<LabelledAssessment> rows, int verdicts, IReadOnlyList<OutcomeSetUse> outcomeSets)
    {
        var lines = rows.Select((r, i) => $"{r.Key ?? $"row-{i}"}={(r.ExportReady ? 1 : 0)}").Order(StringComparer.Ordinal);
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return new TrainingLabels
        {
            Verdicts = verdicts,
            OutcomeSets = outcomeSets,
            Positives = rows.Count(r => r.ExportReady),
            Fingerprint = Convert.ToHexStringLower(digest)[..16],
        };
    }
}

/// <summary>One kept outcome set as a model used it.</summary>
public sealed record OutcomeSetUse(string Id, string Name, int Rows);
