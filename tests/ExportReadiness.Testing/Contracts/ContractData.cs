using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Testing.Contracts;

/// <summary>
/// Data for the store contracts. Every name is new per test (<see cref="Unique"/>: the adapters' contracts share one Azurite), and every time is
/// fixed, so no fact depends on when it runs.
/// </summary>
public static class ContractData
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Pending assessments of <paramref name="programme"/> whose ids share a batch-like prefix and sort in the order made.</summary>
    public static List<Assessment> Assessments(string programme, int count)
    {
        var submission = AssessmentBuilder.Mixed().ToSubmission();
        var prefix = Guid.NewGuid().ToString("N")[..16];
        return Enumerable.Range(1, count).Select(i => new Assessment
        {
            Id = $"{prefix}{i:D8}", Programme = programme, SchemaVersion = submission.SchemaVersion,
            Company = submission.Company with { Name = $"Företag {i} AB" }, Product = submission.Product, Answers = submission.Answers,
            SubmittedAt = Monday.AddMinutes(i), AccessTokenHash = "",
        }).ToList();
    }

    /// <summary>A result as the scorer writes one, by <paramref name="modelVersion"/>.</summary>
    /// <summary>
    /// One product assessed <paramref name="count"/> times a minute apart, each re-assessing the one before; the ids
    /// run against time (the first's is the product id), so only an order by submission time lists them right.
    /// </summary>
    public static List<Assessment> Reassessed(string programme, int count)
    {
        var rows = Assessments(programme, count);
        var ids = rows.Select(a => a.Id).Reverse().ToList();
        return rows.Select((a, i) => a with
        {
            Id = ids[i], ProductId = ids[0], PreviousAssessmentId = i == 0 ? null : ids[i - 1],
        }).ToList();
    }

    /// <summary><see cref="Reassessed"/>, every one scored (30 points, then one more each time) and opened by one token's hash.</summary>
    public static List<Assessment> ScoredReassessed(string programme, int count, string accessTokenHash) =>
        Reassessed(programme, count).Select((a, i) => a with
        {
            Status = AssessmentStatus.Scored, Result = Result(30 + i, "model-a"), AccessTokenHash = accessTokenHash,
        }).ToList();

    public static ScoringResult Result(int score, string modelVersion) => new(
        score, ReadinessLevels.FromScore(score), score / 100.0,
        [new DimensionScore("market", 100 - score), new DimensionScore("management", score)],
        [], modelVersion, Monday.AddHours(1));

    public static Review Review(string assessmentId, Verdict verdict, int minute, string note = "") =>
        new(assessmentId, verdict, note, "Anna Lind", Monday.AddMinutes(minute)) { MessageToSme = $"Meddelande {minute}" };
}
