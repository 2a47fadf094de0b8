using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// What a model learned from, as distributions: the share of rows in each tenth of the readiness score (0–9, …, 90–100)
/// and, per dimension, in each tenth of the rubric's dimension score. Later assessments are compared with it
/// (<see cref="DriftReport"/>). The rows are the real labels when the model learned from them, else the synthetic set.
/// </summary>
public sealed record TrainingProfile(string Source, int Rows, IReadOnlyList<double> Score, IReadOnlyDictionary<string, IReadOnlyList<double>> Dimensions)
{
    public const int Bins = 10;
    public const string Real = "real";
    public const string Synthetic = "synthetic";

    public static TrainingProfile Of(string source, IReadOnlyList<(CompanyProfile Company, IReadOnlyDictionary<string, Answer> Answers)> rows, ReadinessModel model, FeatureEncoder encoder)
    {
        var rubric = new Rubric(encoder.Schema);
        var probabilities = model.PredictProbabilities([.. rows.Select(r => encoder.Encode(r.Company, r.Answers))]);
        var dimensions = rows.Select(r => rubric.Score(r.Company.Sector, r.Answers)).ToList();
        return new TrainingProfile(source, rows.Count,
            Shares(probabilities.Select(p => (int)Math.Round(p * 100))),
            encoder.Schema.Dimensions.Select((d, i) => (d.Id, Shares(dimensions.Select(s => s[i].Score)))).ToDictionary(x => x.Id, x => x.Item2));
    }

    /// <summary>The share of 0–100 values in each tenth (100 in the top one).</summary>
    public static IReadOnlyList<double> Shares(IEnumerable<int> values)
    {
        var counts = new double[Bins];
        var total = 0;
        foreach (var v in values)
        {
            counts[Math.Clamp(v / Bins, 0, Bins - 1)]++;
            total++;
        }
        return [.. counts.Select(c => total == 0 ? 0 : c / total)];
    }
}
