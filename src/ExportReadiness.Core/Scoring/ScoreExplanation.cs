namespace ExportReadiness.Core.Scoring;

/// <summary>
/// One part of a score. <see cref="Points"/> is what the answer (or the dimension's answers) adds over the
/// lowest answer; <see cref="Headroom"/> is what the score would gain if it were raised to the top, everything
/// else unchanged: what lifts the score and what holds it down, in score points.
/// </summary>
public sealed record Contribution(string Id, double Points, double Headroom);

/// <summary>
/// The readiness score taken apart: <see cref="Baseline"/> (the score of the same company, sector and size with
/// every answer at its lowest) plus every dimension's <see cref="Contribution.Points"/> equals the readiness
/// score exactly, and so does the baseline plus every question's. A dimension's points are the sum of its
/// questions'. Points are in tenths of a score point. See docs/training-data.md, "Explanations".
/// </summary>
public sealed record ScoreExplanation(double Baseline, IReadOnlyList<Contribution> Dimensions, IReadOnlyList<Contribution> Questions);
