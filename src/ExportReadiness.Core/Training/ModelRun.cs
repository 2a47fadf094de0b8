using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Training;

[JsonConverter(typeof(JsonStringEnumConverter<ModelRunStatus>))]
public enum ModelRunStatus
{
    Running,
    Completed,
    Failed,
}

[JsonConverter(typeof(JsonStringEnumConverter<ModelRunPhase>))]
public enum ModelRunPhase
{
    Training,
    Rescoring,
    Done,
}

/// <summary>
/// One nightly (or manual) run: the champion/challenger decision with both metrics, and the re-scoring
/// progress. Saved after every step, so a run that was stopped half-way can be resumed from its phase.
/// </summary>
public sealed record ModelRun
{
    public required string Id { get; init; }
    public required string Trigger { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public ModelRunStatus Status { get; init; } = ModelRunStatus.Running;
    public ModelRunPhase Phase { get; init; } = ModelRunPhase.Training;
    public string? ChampionVersion { get; init; }
    public string? ChallengerVersion { get; init; }
    public double? ChampionLogLoss { get; init; }
    public double? ChallengerLogLoss { get; init; }
    public double? ChampionAuc { get; init; }
    public double? ChallengerAuc { get; init; }
    public bool Published { get; init; }

    /// <summary>One-step raises that lowered the challenger's probability (0 = monotone), out of <see cref="MonotonicityChecks"/>.</summary>
    public int? ChallengerMonotonicityViolations { get; init; }
    public int? MonotonicityChecks { get; init; }

    /// <summary>The rubric's AUC on the same held-out rows as <see cref="ChallengerAuc"/>.</summary>
    public double? RubricAuc { get; init; }

    public string? Decision { get; init; }
    public int AdvisorVerdicts { get; init; }

    /// <summary>Every real label the run had: the verdicts and the kept outcome sets' rows, with counts per set.</summary>
    public TrainingLabels? Labels { get; init; }

    /// <summary>What champion and challenger were judged on: cross-validation on real labels, or the synthetic held-out rows.</summary>
    public string? JudgedOn { get; init; }

    /// <summary>How the answers and scores of the last 90 days differ from what the model in use learned from (after re-scoring).</summary>
    public DriftReport? Drift { get; init; }

    /// <summary>The model every assessment is being brought to.</summary>
    public string? TargetVersion { get; init; }

    public int Rescored { get; init; }

    /// <summary>Stale assessments this run could not score (they keep their old result and are tried again next run).</summary>
    public int Unscorable { get; init; }

    public string? Error { get; init; }

    /// <summary>When the re-scoring was split into parts and they were queued; null before.</summary>
    public DateTimeOffset? RescoringStartedAt { get; init; }

    /// <summary>The parts of the re-scoring: those found at the fan-out and those split off parts too large to hold.</summary>
    public int PartsTotal { get; init; }

    public int PartsDone { get; init; }

    /// <summary>Parts that failed on every delivery: their rows keep their old result and the next run tries them again.</summary>
    public int PartsFailed { get; init; }

    /// <summary>Rows re-scored per second, from the fan-out to the last part settled (so far, while running).</summary>
    public double? RescoredPerSecond { get; init; }
}

public static class ModelRunDecisions
{
    /// <summary>The run with the decision's three gates recorded: log-loss and AUC of both models, the rubric's AUC, monotonicity.</summary>
    public static ModelRun Recording(this ModelRun run, ModelDecision decision) => run with
    {
        ChampionLogLoss = decision.HadChampion ? decision.Champion.LogLoss : null,
        ChallengerLogLoss = decision.Challenger.LogLoss,
        ChampionAuc = decision.HadChampion ? decision.Champion.Auc : null,
        ChallengerAuc = decision.Challenger.Auc,
        RubricAuc = decision.RubricAuc,
        ChallengerMonotonicityViolations = decision.MonotonicityViolations,
        MonotonicityChecks = decision.MonotonicityChecks,
        Published = decision.PublishChallenger,
        Decision = decision.Reason,
        JudgedOn = decision.JudgedOn,
    };
}

public interface IModelRunStore
{
    /// <summary>A new run's id, chosen by the store so that its listing comes out newest first.</summary>
    string NewRunId(DateTimeOffset startedAt);

    Task SaveAsync(ModelRun run, CancellationToken cancellationToken);

    Task<ModelRun?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<ModelRun>> RecentAsync(int count, CancellationToken cancellationToken);

    /// <summary>The run with the version of its stored record, for a replace conditional on it.</summary>
    Task<(ModelRun Run, string Version)?> GetVersionedAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces the run if its record is still at <paramref name="version"/>; false when someone wrote it since.</summary>
    Task<bool> TryReplaceAsync(ModelRun run, string version, CancellationToken cancellationToken);
}

/// <summary>A lock held by one instance at a time across the deployment (a blob lease in Azure Storage).</summary>
public interface IDistributedLock
{
    /// <summary>Null when another instance holds it. Dispose to release.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}
