using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// One answer's or context term's log-odds in a model beside the prior's: for a question, from its lowest answer to its
/// top one (the sum of its cumulative features' weights); for a sector, its own offset; for size and age, the coefficient
/// per unit of ln(1 + employees) or ln(1 + years). The interval is a delete-d jackknife over the cross-validation's fold
/// fits (each leaves a fifth of the real rows out), so it says how much the real labels pin the number down.
/// </summary>
public sealed record WeightShift(string Term, string Kind, double Prior, double Model, double? Lower, double? Upper)
{
    public EvidenceStrength? Evidence { get; init; }

    public double Shift => Model - Prior;

    public const string Question = "question";
    public const string Sector = "sector";
    public const string Context = "context";

    /// <summary>Every term, the largest move from the prior first.</summary>
    public static IReadOnlyList<WeightShift> Between(FeatureEncoder encoder, ReadinessModel prior, ReadinessModel model, CandidateFit? folds, int rows)
    {
        var terms = Terms(encoder);
        // Delete-d jackknife: m fold fits each without d = n/K rows; Var ≈ (n − d)/(d·m) · Σ (θ_j − θ̄)².
        var foldEstimates = folds?.Splits.Select(s => s.Weights.Select(w => s.Slope * w).ToArray()).ToList() ?? [];
        var deleted = foldEstimates.Count == 0 ? 0 : rows / (double)(foldEstimates.Count / Math.Max(1, folds!.Margins.Length));
        return terms.Select(t =>
        {
            double? lower = null, upper = null;
            var value = t.Value([.. model.Weights]);
            if (foldEstimates.Count > 1 && deleted > 0)
            {
                var estimates = foldEstimates.Select(w => t.Value(w)).ToArray();
                var mean = estimates.Average();
                var se = Math.Sqrt((rows - deleted) / (deleted * estimates.Length) * estimates.Sum(e => (e - mean) * (e - mean)));
                (lower, upper) = (value - 1.96 * se, value + 1.96 * se);
            }
            return new WeightShift(t.Name, t.Kind, t.Value([.. prior.Weights]), value, lower, upper)
            {
                Evidence = t.Kind == Question ? EvidenceWeights.Strength.GetValueOrDefault(t.Name) : null,
            };
        }).OrderByDescending(s => Math.Abs(s.Shift)).ToList();
    }

    private static List<(string Name, string Kind, Func<IReadOnlyList<double>, double> Value)> Terms(FeatureEncoder encoder)
    {
        var names = encoder.FeatureNames();
        int Index(string name) => names.ToList().IndexOf(name);
        var terms = new List<(string, string, Func<IReadOnlyList<double>, double>)>();
        for (var q = 0; q < encoder.Schema.Questions.Count; q++)
        {
            var (offset, length) = encoder.QuestionFeatures(q).GetOffsetAndLength(encoder.FeatureCount);
            terms.Add((encoder.Schema.Questions[q].Id, Question, w => Enumerable.Range(offset, length).Sum(i => w[i])));
        }
        foreach (var sector in encoder.Schema.Sectors)
        {
            var i = Index($"sector:{sector.Id}");
            terms.Add((sector.Id, Sector, w => w[i]));
        }
        foreach (var (name, plus, minus) in new[] { ("log_employees", Index("log_employees"), Index("-log_employees")), ("log_age", Index("log_age"), Index("-log_age")) })
            terms.Add((name, Context, w => w[plus] - w[minus]));
        return terms;
    }
}
