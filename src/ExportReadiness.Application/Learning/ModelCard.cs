using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Application.Learning;

/// <summary>
/// What advisors read about the model in use (<c>GET /api/model/card</c> and <c>/advisor/model</c>): what it learned from,
/// how it does on the real labels beside the prior and the rubric, which weights moved most from the prior, whether it is
/// monotone and calibrated, the runs that led to it, and whether recent assessments look like what it learned from.
/// </summary>
public sealed record ModelCard
{
    public required string Version { get; init; }
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>True when real labels changed the model (a recipe other than the prior alone): "did it learn anything".</summary>
    public required bool LearnedFromRealLabels { get; init; }
    public ModelRecipe? Recipe { get; init; }
    public required TrainedOn TrainedOn { get; init; }

    /// <summary>Cross-validated figures on the real labels (model, champion at the time, prior, rubric, base rate); null for the prior.</summary>
    public RealRowComparison? RealRows { get; init; }

    /// <summary>For a model that learned from no real label: it and the rubric on the synthetic held-out rows, all that is known of it.</summary>
    public SyntheticFigures? SyntheticHeldOut { get; init; }

    /// <summary>The terms that moved most from the prior, with intervals; empty for the prior itself.</summary>
    public required IReadOnlyList<WeightShift> MovedMost { get; init; }
    public MonotonicityReport? Monotonicity { get; init; }
    public required IReadOnlyList<ReliabilityBin> Reliability { get; init; }

    /// <summary><c>real</c> (out-of-fold predictions of the real labels) or <c>synthetic</c> (the synthetic held-out rows).</summary>
    public required string ReliabilitySource { get; init; }
    public DriftReport? Drift { get; init; }
    public required IReadOnlyList<RunOnCard> Runs { get; init; }
}

/// <summary>The model and the rubric on the same synthetic held-out rows.</summary>
public sealed record SyntheticFigures(int Rows, HeldOutMetrics Model, HeldOutMetrics Rubric);

/// <summary>The labels behind the model: the prior and its synthetic companies, the verdicts, and each outcome set as it was kept.</summary>
public sealed record TrainedOn(string? PriorVersion, int SyntheticRows, int Verdicts, IReadOnlyList<OutcomeSetOnCard> OutcomeSets)
{
    public int RealLabels => Verdicts + OutcomeSets.Sum(s => s.Rows);
}

/// <summary>An outcome set the model learned from; its name, source, definition and date when it is still kept.</summary>
public sealed record OutcomeSetOnCard(string Id, string Name, int Rows, bool StillKept, string? Source = null, string? Definition = null, DateOnly? OutcomeDate = null);

/// <summary>One run in the card's history.</summary>
public sealed record RunOnCard(string Id, DateTimeOffset StartedAt, string Trigger, ModelRunStatus Status, bool Published, string? ChallengerVersion,
    string? Decision, string? JudgedOn, int? RealLabels);
