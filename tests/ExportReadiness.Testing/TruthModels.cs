using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ExportReadiness.Testing;

/// <summary>The two yardsticks a learned model is held against on rows of a simulated truth: the truth itself, and a plain logit on the labels alone.</summary>
public static class TruthModels
{
    /// <summary>
    /// The truth's logit for what a model sees: each answer's level share from the encoded features (a blank counts as the
    /// encoder imputes it), times the truth's weight, centred as the generator centres it, plus context.
    /// </summary>
    public static double OracleLogit(OutcomeWeights truth, FeatureEncoder encoder, LabelledAssessment row)
    {
        var features = encoder.Encode(row.Company, row.Answers);
        var c = row.Company;
        var logit = truth.Intercept + truth.LogEmployees * Math.Log(Math.Max(1, c.Employees))
            + truth.LogAge * Math.Log(1 + Math.Max(0, SyntheticTrainingSet.ReferenceYear - c.YearFounded)) + truth.Sectors.GetValueOrDefault(c.Sector);
        for (var q = 0; q < encoder.Schema.Questions.Count; q++)
        {
            var question = encoder.Schema.Questions[q];
            if (!question.AppliesToSector(c.Sector)) continue;
            var (offset, length) = encoder.QuestionFeatures(q).GetOffsetAndLength(features.Length);
            var share = Enumerable.Range(offset, length).Sum(i => features[i]) / length;
            logit += truth.Questions[question.Id] * (share - 0.5);
        }
        return logit;
    }

    /// <summary>A plain logistic regression (ML.NET's defaults, no sign constraint, no prior) fitted on the labels alone.</summary>
    public static double[] PlainLogit(FeatureEncoder encoder, IReadOnlyList<LabelledAssessment> training, IReadOnlyList<LabelledAssessment> scored)
    {
        var ml = new MLContext(1);
        var schema = SchemaDefinition.Create(typeof(ReadinessExample));
        schema[nameof(ReadinessExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, encoder.FeatureCount);
        IDataView Data(IEnumerable<LabelledAssessment> rows) => ml.Data.LoadFromEnumerable(
            rows.Select(r => new ReadinessExample { Features = encoder.Encode(r.Company, r.Answers), Label = r.ExportReady }), schema);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(Data(training));
        return [.. model.Transform(Data(scored)).GetColumn<float>(nameof(ReadinessPrediction.Probability)).Select(p => (double)p)];
    }
}
