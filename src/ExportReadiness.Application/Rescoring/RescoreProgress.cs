using ExportReadiness.Core.Training;

namespace ExportReadiness.Application.Rescoring;

/// <summary>A run's re-scoring as its parts tell it: parts done and failed, rows re-scored, and the rate of the fan-out.</summary>
public static class RescoreProgress
{
    public static ModelRun Of(ModelRun run, IReadOnlyList<RescorePart> parts)
    {
        var rescored = parts.Sum(p => p.Rescored);
        var lastSettled = parts.Where(p => p.Settled).Max(p => p.SettledAt);
        return run with
        {
            PartsTotal = parts.Count,
            PartsDone = parts.Count(p => p.Status == RescorePartStatus.Done),
            PartsFailed = parts.Count(p => p.Status == RescorePartStatus.Failed),
            Rescored = rescored,
            Unscorable = parts.Sum(p => p.Unscorable),
            RescoredPerSecond = run.RescoringStartedAt is { } start && lastSettled is { } end && end > start
                ? Math.Round(rescored / (end - start).TotalSeconds, 1)
                : null,
        };
    }
}
