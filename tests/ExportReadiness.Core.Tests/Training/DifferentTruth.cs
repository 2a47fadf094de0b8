using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ExportReadiness.Core.Tests.Training;

/// <summary>
/// A population whose truth differs from the prior (<see cref="Testing.OutcomeFileBuilder.DifferentFromPrior"/>: services
/// export more often here, larger firms not at all, trade fairs and websites count for nothing). Fresh rows of it judge the
/// models; the oracle scores them with the truth's own weights.
/// </summary>
public static class DifferentTruth
{
    public static readonly OutcomeWeights Weights = Testing.OutcomeFileBuilder.DifferentFromPrior;

    /// <summary>Labelled rows of the truth, as an agency's outcomes would come.</summary>
    public static List<LabelledAssessment> Rows(int count, int seed) => Testing.OutcomeFileBuilder.Rows(Weights, count, seed);

    /// <summary>
    /// The truth's logit for what a model sees: each answer's level share from the encoded features (a blank counts as the
    /// encoder imputes it), times the truth's weight, centred as the generator centres it, plus context.
    /// </summary>
    public static double OracleLogit(FeatureEncoder encoder, LabelledAssessment row)
    {
        var features = encoder.Encode(row.Company, row.Answers);
        var c = row.Company;
        var logit = Weights.Intercept + Weights.LogEmployees * Math.Log(Math.Max(1, c.Employees))
            + Weights.LogAge * Math.Log(1 + Math.Max(0, SyntheticTrainingSet.ReferenceYear - c.YearFounded)) + Weights.Sectors.GetValueOrDefault(c.Sector);
        for (var q = 0; q < encoder.Schema.Questions.Count; q++)
        {
            var question = encoder.Schema.Questions[q];
            if (!question.AppliesToSector(c.Sector)) continue;
            var (offset, length) = encoder.QuestionFeatures(q).GetOffsetAndLength(features.Length);
            var share = Enumerable.Range(offset, length).Sum(i => features[i]) / length;
            logit += Weights.Questions[question.Id] * (share - 0.5);
        }
        return logit;
    }

    /// <summary>A plain logistic regression (ML.NET's defaults, no sign constraint, no prior) fitted on the labels alone.</summary>
    public static double[] PlainLogit(FeatureEncoder encoder, IReadOnlyList<LabelledAssessment> training, IReadOnlyList<LabelledAssessment> scored)
    {
        var ml = new MLContext(1);
        IDataView Data(IEnumerable<LabelledAssessment> rows) => ml.Data.LoadFromEnumerable(
            rows.Select(r => new ReadinessExample { Features = encoder.Encode(r.Company, r.Answers), Label = r.ExportReady }), ReadinessModel.InputSchema(encoder.FeatureCount));
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(Data(training));
        return [.. model.Transform(Data(scored)).GetColumn<float>(nameof(ReadinessPrediction.Probability)).Select(p => (double)p)];
    }
}
