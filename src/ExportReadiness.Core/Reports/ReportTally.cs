using System.Text.Json.Serialization;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// The portfolio report's and the stage funnel's figures of a set of assessments and their products, as sums only: two
/// tallies add up to the tally of both sets, and taking away an assessment's tally undoes it. The store keeps one per
/// programme, sector and region, moved by each write's difference, so a report reads a few tallies instead of every row;
/// a scan folds every row into one, so both ways of building a report share the code that turns a tally into figures.
/// </summary>
public sealed class ReportTally
{
    public int Submitted { get; set; }
    public int Scored { get; set; }
    public int Reviewed { get; set; }
    public int Confirmed { get; set; }
    /// <summary>Scored assessments per <see cref="ReadinessLevel"/>, by its number.</summary>
    public int[] Levels { get; set; } = new int[Enum.GetValues<ReadinessLevel>().Length];
    public int[] Histogram { get; set; } = new int[100 / PortfolioReport.BucketWidth];
    public long ScoreSum { get; set; }
    public int ReadyOrBetter { get; set; }
    /// <summary>Per dimension id the sum of the scored assessments' scores (whole numbers) and how many they are.</summary>
    public Dictionary<string, long[]> Dimensions { get; set; } = new(StringComparer.Ordinal);
    public int BothReady { get; set; }
    public int BothNotReady { get; set; }
    public int ModelReadyAdvisorNot { get; set; }
    public int AdvisorReadyModelNot { get; set; }

    /// <summary>Products, counted where their first assessment is.</summary>
    public int Products { get; set; }
    public int Reassessed { get; set; }
    public int Improved { get; set; }
    public int Unchanged { get; set; }
    public int Declined { get; set; }
    public long ChangeSum { get; set; }

    /// <summary>The destination report's sums over the products' latest scored assessments.</summary>
    public DestinationTally Destination { get; set; } = new();

    /// <summary>The stage funnel of the products, per cohort (intake year).</summary>
    public Dictionary<int, FunnelTally> Funnel { get; set; } = [];

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (−1) what one assessment row counts, its product aside.</summary>
    public void AddAssessment(Assessment a, int sign = 1)
    {
        Submitted += sign;
        var confirmed = a.Review?.Verdict == Verdict.ExportReady;
        if (a.Review is not null) Reviewed += sign;
        if (confirmed) Confirmed += sign;
        if (a.Result is not { } r || a.Status != AssessmentStatus.Scored) return;
        Scored += sign;
        Levels[(int)r.Level] += sign;
        Histogram[Math.Min(Histogram.Length - 1, r.ReadinessScore / PortfolioReport.BucketWidth)] += sign;
        ScoreSum += sign * r.ReadinessScore;
        if (r.Level >= ReadinessLevel.Ready) ReadyOrBetter += sign;
        foreach (var d in r.Dimensions)
        {
            var sums = Dimensions.TryGetValue(d.Id, out var s) ? s : Dimensions[d.Id] = new long[2];
            sums[0] += sign * d.Score;
            sums[1] += sign;
            if (sums[0] == 0 && sums[1] == 0) Dimensions.Remove(d.Id);
        }
        if (a.Review is null) return;
        var modelReady = r.Level >= ReadinessLevel.Ready;
        if (modelReady && confirmed) BothReady += sign;
        else if (!modelReady && !confirmed) BothNotReady += sign;
        else if (modelReady) ModelReadyAdvisorNot += sign;
        else AdvisorReadyModelNot += sign;
    }

    /// <summary>Adds or takes away what one product counts: itself, its progress and its way through the funnel.</summary>
    public void AddProduct(ProductFigures p, int sign = 1)
    {
        Products += sign;
        if (p.ScoredCount >= 2 && p.FirstScore is { } first && p.LatestScore is { } latest)
        {
            Reassessed += sign;
            var change = latest - first;
            if (change > 0) Improved += sign;
            else if (change < 0) Declined += sign;
            else Unchanged += sign;
            ChangeSum += sign * change;
        }
        if (p.Destination is { } destination) Destination.Add(destination, sign);
        var funnel = Funnel.TryGetValue(p.Cohort, out var f) ? f : Funnel[p.Cohort] = new FunnelTally();
        funnel.Add(p, sign);
        if (funnel.IsEmpty) Funnel.Remove(p.Cohort);
    }

    public void Add(ReportTally other, int sign = 1)
    {
        Submitted += sign * other.Submitted;
        Scored += sign * other.Scored;
        Reviewed += sign * other.Reviewed;
        Confirmed += sign * other.Confirmed;
        for (var i = 0; i < Levels.Length && i < other.Levels.Length; i++) Levels[i] += sign * other.Levels[i];
        for (var i = 0; i < Histogram.Length && i < other.Histogram.Length; i++) Histogram[i] += sign * other.Histogram[i];
        ScoreSum += sign * other.ScoreSum;
        ReadyOrBetter += sign * other.ReadyOrBetter;
        foreach (var (id, theirs) in other.Dimensions)
        {
            var sums = Dimensions.TryGetValue(id, out var s) ? s : Dimensions[id] = new long[2];
            sums[0] += sign * theirs[0];
            sums[1] += sign * theirs[1];
            if (sums[1] == 0 && sums[0] == 0) Dimensions.Remove(id);
        }
        BothReady += sign * other.BothReady;
        BothNotReady += sign * other.BothNotReady;
        ModelReadyAdvisorNot += sign * other.ModelReadyAdvisorNot;
        AdvisorReadyModelNot += sign * other.AdvisorReadyModelNot;
        Products += sign * other.Products;
        Reassessed += sign * other.Reassessed;
        Improved += sign * other.Improved;
        Unchanged += sign * other.Unchanged;
        Declined += sign * other.Declined;
        ChangeSum += sign * other.ChangeSum;
        Destination.Add(other.Destination, sign);
        foreach (var (cohort, theirs) in other.Funnel)
        {
            var funnel = Funnel.TryGetValue(cohort, out var f) ? f : Funnel[cohort] = new FunnelTally();
            funnel.Add(theirs, sign);
            if (funnel.IsEmpty) Funnel.Remove(cohort);
        }
    }

    /// <summary>Every sum nought: a difference that changes nothing, or a cell that can go.</summary>
    [JsonIgnore]
    public bool IsZero => Submitted == 0 && Scored == 0 && Reviewed == 0 && Confirmed == 0 && Levels.All(n => n == 0) && Histogram.All(n => n == 0)
        && ScoreSum == 0 && ReadyOrBetter == 0 && Dimensions.Values.All(s => s[0] == 0 && s[1] == 0) && BothReady == 0 && BothNotReady == 0
        && ModelReadyAdvisorNot == 0 && AdvisorReadyModelNot == 0 && Products == 0 && Reassessed == 0 && Improved == 0 && Unchanged == 0
        && Declined == 0 && ChangeSum == 0 && Destination.IsEmpty && Funnel.Values.All(f => f.IsEmpty);
}

/// <summary>
/// A cohort's products in the stage funnel: how many, how many got furthest to each stage (by its place), and per stage
/// how many products spent how many days in its ended stays, so medians are exact however the tallies were summed.
/// </summary>
public sealed class FunnelTally
{
    public int Products { get; set; }
    /// <summary>Place of the furthest stage → how many products got that far and no further.</summary>
    public Dictionary<int, int> Furthest { get; set; } = [];
    /// <summary>Per stage id: days → how many products spent that many days in the stage's ended stays.</summary>
    public Dictionary<string, Dictionary<int, int>> CompletedDays { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public bool IsEmpty => Products == 0 && Furthest.Count == 0 && CompletedDays.Count == 0;

    /// <summary>How many products reached the stage at <paramref name="place"/> (got at least that far).</summary>
    public int Reached(int place) => Furthest.Where(f => f.Key >= place).Sum(f => f.Value);

    public void Add(ProductFigures p, int sign)
    {
        Products += sign;
        Bump(Furthest, p.Furthest, sign);
        foreach (var (stage, days) in p.CompletedDays)
        {
            var counts = CompletedDays.TryGetValue(stage, out var c) ? c : CompletedDays[stage] = [];
            Bump(counts, days, sign);
            if (counts.Count == 0) CompletedDays.Remove(stage);
        }
    }

    public void Add(FunnelTally other, int sign)
    {
        Products += sign * other.Products;
        foreach (var (place, n) in other.Furthest) Bump(Furthest, place, sign * n);
        foreach (var (stage, theirs) in other.CompletedDays)
        {
            var counts = CompletedDays.TryGetValue(stage, out var c) ? c : CompletedDays[stage] = [];
            foreach (var (days, n) in theirs) Bump(counts, days, sign * n);
            if (counts.Count == 0) CompletedDays.Remove(stage);
        }
    }

    private static void Bump<TKey>(Dictionary<TKey, int> counts, TKey key, int by) where TKey : notnull
    {
        var n = counts.GetValueOrDefault(key) + by;
        if (n == 0) counts.Remove(key);
        else counts[key] = n;
    }
}
