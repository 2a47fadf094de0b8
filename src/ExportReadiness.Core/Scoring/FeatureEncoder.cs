using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Turns a company and its answers into the model's feature vector. The layout follows the schema, so a
/// model is tied to the questionnaire version it was trained on (checked through <see cref="FeatureCount"/>).
/// </summary>
public sealed class FeatureEncoder(QuestionnaireSchema schema)
{
    private const int ContextFeatures = 4;

    /// <summary>
    /// A question not asked (sector module) or not answered. Not NaN: FastTree drops every row holding a NaN,
    /// and every row lacks some sector's module. Answers are scaled to 0..1, so -1 is a value of its own that
    /// trees can split off.
    /// </summary>
    public const float Missing = -1f;
    private readonly Rubric _rubric = new(schema);

    public QuestionnaireSchema Schema => schema;

    public int FeatureCount => schema.Questions.Count + schema.Dimensions.Count + schema.Sectors.Count + ContextFeatures;

    public float[] Encode(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers)
    {
        var features = new float[FeatureCount];
        var i = 0;
        foreach (var question in schema.Questions)
        {
            features[i++] = question.AppliesToSector(company.Sector) && answers.TryGetValue(question.Id, out var answer)
                ? QuestionFeature(question, answer)
                : Missing;
        }
        foreach (var fraction in _rubric.Fractions(company.Sector, answers)) features[i++] = (float)fraction;
        foreach (var sector in schema.Sectors) features[i++] = sector.Id == company.Sector ? 1f : 0f;
        features[i++] = (float)Math.Log(1 + company.Employees);
        features[i++] = (float)Math.Log(1 + company.TurnoverSek / 1_000_000);
        features[i++] = company.YearFounded;
        features[i] = (float)(company.ExportSharePercent / 100);
        return features;
    }

    /// <summary>Names in vector order, for the model's metrics and for people reading them.</summary>
    public IReadOnlyList<string> FeatureNames() =>
    [
        .. schema.Questions.Select(q => q.Id),
        .. schema.Dimensions.Select(d => $"dimension:{d.Id}"),
        .. schema.Sectors.Select(s => $"sector:{s.Id}"),
        "log_employees", "log_turnover_msek", "year_founded", "export_share",
    ];

    internal static float QuestionFeature(Question question, Answer answer) => question.Type switch
    {
        QuestionType.Choice => (float)question.Evaluate(answer).Points / question.MaxPoints,
        QuestionType.YesNo => answer.YesNo == true ? 1f : 0f,
        QuestionType.Number => (float)((answer.Number!.Value - question.Min!.Value) / (question.Max!.Value - question.Min!.Value)),
        _ => float.NaN,
    };
}
