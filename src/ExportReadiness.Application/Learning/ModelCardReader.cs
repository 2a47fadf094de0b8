using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Application.Learning;

/// <summary>
/// Builds the model card from what is stored: the current model's <c>metrics.json</c>, the recent runs and the kept outcome
/// sets. Nothing is trained or scanned here; the drift is the one the last completed run measured for this model.
/// </summary>
public sealed class ModelCardReader(CurrentModel current, IModelRepository models, IModelRunStore runs, IOutcomeSetStore outcomeSets)
{
    public const int RunsShown = 15;
    public const int WeightsShown = 10;

    /// <summary>Null when no model with metrics is published yet.</summary>
    public async Task<ModelCard?> ReadAsync(CancellationToken cancellationToken)
    {
        ReadinessModel model;
        try
        {
            model = await current.GetAsync(cancellationToken);
        }
        catch (ModelUnavailableException)
        {
            return null;
        }
        if (await models.GetMetricsAsync(model.Version, cancellationToken) is not { } metrics) return null;
        var recent = await runs.RecentAsync(RunsShown, cancellationToken);
        var kept = (await outcomeSets.ListAsync(cancellationToken)).ToDictionary(s => s.Id);
        var labels = metrics.Recipe?.Labels ?? TrainingLabels.None;
        var real = metrics.RealRows;
        return new ModelCard
        {
            Version = metrics.Version,
            TrainedAt = metrics.TrainedAt,
            LearnedFromRealLabels = metrics.Recipe is { IsPriorAlone: false },
            Recipe = metrics.Recipe,
            TrainedOn = new TrainedOn(metrics.Recipe?.PriorVersion, real is null ? metrics.TrainingRows : metrics.TrainingRows - real.Rows,
                labels.Verdicts, [.. labels.OutcomeSets.Select(s => kept.TryGetValue(s.Id, out var set)
                    ? new OutcomeSetOnCard(s.Id, s.Name, s.Rows, true, set.Source, set.Definition, set.OutcomeDate)
                    : new OutcomeSetOnCard(s.Id, s.Name, s.Rows, false))]),
            RealRows = real,
            SyntheticHeldOut = real is null ? new SyntheticFigures(metrics.HeldOutRows, metrics.Model, metrics.Rubric) : null,
            MovedMost = [.. (metrics.WeightShifts ?? []).Take(WeightsShown)],
            Monotonicity = metrics.Monotonicity,
            Reliability = metrics.Reliability ?? [],
            ReliabilitySource = real is null ? TrainingProfile.Synthetic : TrainingProfile.Real,
            Drift = recent.FirstOrDefault(r => r.Status == ModelRunStatus.Completed && r.TargetVersion == metrics.Version && r.Drift is not null)?.Drift,
            Runs = [.. recent.Select(r => new RunOnCard(r.Id, r.StartedAt, r.Trigger, r.Status, r.Published, r.ChallengerVersion, r.Decision, r.JudgedOn, r.Labels?.Rows))],
        };
    }
}
