using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>One distribution compared: the training rows' shares per tenth, the recent ones', and their population stability index.</summary>
public sealed record DistributionShift(string Id, double Psi, IReadOnlyList<double> Training, IReadOnlyList<double> Recent)
{
    public bool Large => Psi >= DriftReport.LargeShift;

    /// <summary>Value equality, the shares included: a run read back from storage equals the run saved.</summary>
    public bool Equals(DistributionShift? other) =>
        other is not null && Id == other.Id && Psi == other.Psi && Training.SequenceEqual(other.Training) && Recent.SequenceEqual(other.Recent);

    public override int GetHashCode() => HashCode.Combine(Id, Psi);
}

/// <summary>
/// How the assessments of the last <see cref="Days"/> days differ from what the model in use learned from
/// (<see cref="TrainingProfile"/>): per dimension score and for the readiness score, the population stability index
/// PSI = Σ (recent − training) · ln(recent / training) over the ten tenths, each share floored at 0.001 so an empty tenth
/// counts without dividing by zero. Read as the credit-scoring convention does: below 0.1 no real shift, 0.1–0.25 a
/// moderate one, 0.25 and above a large one, which the model card flags. Fewer than <see cref="MinimumAssessments"/>
/// recent assessments are too few to say.
/// </summary>
public sealed record DriftReport
{
    public const int Days = 90;
    public const double ModerateShift = 0.1;
    public const double LargeShift = 0.25;
    public const int MinimumAssessments = 30;
    private const double Floor = 0.001;

    public required string ModelVersion { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required int Assessments { get; init; }

    /// <summary>What the training side is: <c>real</c> labels or the <c>synthetic</c> set, and how many rows.</summary>
    public required string ReferenceSource { get; init; }
    public required int ReferenceRows { get; init; }
    public DistributionShift? Score { get; init; }
    public IReadOnlyList<DistributionShift> Dimensions { get; init; } = [];

    /// <summary><c>too-few</c>, <c>none</c>, <c>moderate</c> or <c>large</c>: the largest shift of any distribution.</summary>
    public required string Level { get; init; }

    public bool Flagged => Level == "large";

    /// <summary>Value equality, every distribution included: a run read back from storage equals the run saved.</summary>
    public bool Equals(DriftReport? other) =>
        other is not null && ModelVersion == other.ModelVersion && From == other.From && To == other.To && Assessments == other.Assessments
        && ReferenceSource == other.ReferenceSource && ReferenceRows == other.ReferenceRows && Level == other.Level
        && Equals(Score, other.Score) && Dimensions.SequenceEqual(other.Dimensions);

    public override int GetHashCode() => HashCode.Combine(ModelVersion, To, Assessments, Level);

    public static DriftReport Of(TrainingProfile profile, string modelVersion, RecentScores recent, DateTimeOffset to)
    {
        var score = Shift("score", profile.Score, recent.Shares(RecentScores.Score));
        var dimensions = profile.Dimensions.Select(d => Shift(d.Key, d.Value, recent.Shares(d.Key))).ToList();
        var largest = dimensions.Append(score).Max(s => s.Psi);
        return new DriftReport
        {
            ModelVersion = modelVersion,
            From = to.AddDays(-Days),
            To = to,
            Assessments = recent.Count,
            ReferenceSource = profile.Source,
            ReferenceRows = profile.Rows,
            Score = score,
            Dimensions = dimensions,
            Level = recent.Count < MinimumAssessments ? "too-few" : largest >= LargeShift ? "large" : largest >= ModerateShift ? "moderate" : "none",
        };
    }

    public static double Psi(IReadOnlyList<double> training, IReadOnlyList<double> recent) =>
        training.Zip(recent, (e, a) => (E: Math.Max(e, Floor), A: Math.Max(a, Floor))).Sum(x => (x.A - x.E) * Math.Log(x.A / x.E));

    private static DistributionShift Shift(string id, IReadOnlyList<double> training, IReadOnlyList<double> recent) =>
        new(id, Math.Round(Psi(training, recent), 4), training, recent);
}

/// <summary>Recent scored assessments counted per tenth of their readiness score and of each dimension score, as a scan goes by.</summary>
public sealed class RecentScores
{
    public const string Score = "score";
    private readonly Dictionary<string, double[]> _counts = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(ScoringResult result)
    {
        Count++;
        Tally(Score, result.ReadinessScore);
        foreach (var d in result.Dimensions) Tally(d.Id, d.Score);
    }

    public IReadOnlyList<double> Shares(string id) =>
        _counts.TryGetValue(id, out var counts) && counts.Sum() is > 0 and var total ? [.. counts.Select(c => c / total)] : new double[TrainingProfile.Bins];

    private void Tally(string id, int value)
    {
        if (!_counts.TryGetValue(id, out var counts)) _counts[id] = counts = new double[TrainingProfile.Bins];
        counts[Math.Clamp(value / TrainingProfile.Bins, 0, TrainingProfile.Bins - 1)]++;
    }
}
