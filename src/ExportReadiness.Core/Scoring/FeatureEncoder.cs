using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Turns a company and its answers into the model's feature vector. The layout follows the schema, so a
/// model is tied to the questionnaire version it was trained on (checked through <see cref="FeatureCount"/>).
/// <para>
/// Answers are encoded cumulatively ("thermometer"): a question with k levels gets k−1 features
/// "answer ≥ level j", each 0 or 1. Raising an answer by one level turns one more feature on and none off,
/// so with non-negative weights on these features (what <see cref="ModelTrainer"/> trains) a better answer
/// can never lower the probability, whatever the other answers are.
/// </para>
/// <para>
/// A question that does not apply to the sector encodes as all zeros (the sector's own feature absorbs the
/// difference). A question left blank is taken to be as good as the rest of its dimension, exactly as the
/// rubric does (<see cref="Rubric.Fractions"/>): its features get that fraction of the scale, spread over the
/// levels, which rises with every other answer in the dimension and so keeps the model monotone.
/// "Don't know" is an answer, at the lowest level. See docs/questionnaire.md.
/// </para>
/// <para>
/// Company context (sector one-hot, log employees, log age) is not an answer and may push either way: each
/// number enters twice, as x and −x, so a non-negative pair of weights can express a coefficient of any sign.
/// Export share is deliberately left out: it is too close to the outcome to describe readiness honestly.
/// </para>
/// </summary>
public sealed class FeatureEncoder
{
    private readonly QuestionnaireSchema _schema;
    private readonly Rubric _rubric;
    private readonly int[] _questionStart;
    private readonly int[] _questionLevels;
    private readonly int[] _questionDimension;
    private readonly Func<Answer, int>[] _levelOf;
    private readonly int _sectorStart;
    private readonly Dictionary<string, int> _sectorIndex;
    private readonly int[][] _dimensionFeatures;

    public FeatureEncoder(QuestionnaireSchema schema)
    {
        _schema = schema;
        _rubric = new Rubric(schema);
        _questionStart = new int[schema.Questions.Count];
        _questionLevels = new int[schema.Questions.Count];
        _questionDimension = new int[schema.Questions.Count];
        _levelOf = [.. schema.Questions.Select(AnswerScale.LevelReader)];
        var next = 0;
        for (var q = 0; q < schema.Questions.Count; q++)
        {
            var question = schema.Questions[q];
            _questionStart[q] = next;
            _questionLevels[q] = AnswerScale.LevelCount(question);
            _questionDimension[q] = schema.Dimensions.ToList().FindIndex(d => d.Id == question.Dimension);
            next += _questionLevels[q] - 1;
        }
        _sectorIndex = schema.Sectors.Select((sector, i) => (sector.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _dimensionFeatures = [.. Enumerable.Range(0, schema.Dimensions.Count).Select(d => Enumerable.Range(0, schema.Questions.Count)
            .Where(q => _questionDimension[q] == d).SelectMany(q => Enumerable.Range(_questionStart[q], _questionLevels[q] - 1)).ToArray())];
        AnswerFeatureCount = next;
        _sectorStart = next;
        FeatureCount = next + schema.Sectors.Count + ContextNames.Length;
    }

    private static readonly string[] ContextNames = ["log_employees", "-log_employees", "log_age", "-log_age"];

    /// <summary>Reference year for a company's age; the same for training and scoring so a model does not drift by the calendar.</summary>
    public const int ReferenceYear = 2026;

    public QuestionnaireSchema Schema => _schema;

    public int FeatureCount { get; }

    /// <summary>Features [0, AnswerFeatureCount) encode answers and must carry non-negative weights.</summary>
    public int AnswerFeatureCount { get; }

    /// <summary>Where a question's features sit in the vector.</summary>
    public Range QuestionFeatures(int questionIndex) => _questionStart[questionIndex]..(_questionStart[questionIndex] + _questionLevels[questionIndex] - 1);

    public float[] Encode(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers)
    {
        var features = new float[FeatureCount];
        double[]? fractions = null;
        for (var q = 0; q < _schema.Questions.Count; q++) EncodeQuestion(q, company, answers, ref fractions, features);
        if (_sectorIndex.TryGetValue(company.Sector, out var sector)) features[_sectorStart + sector] = 1f;
        var i = _sectorStart + _schema.Sectors.Count;
        var logEmployees = (float)Math.Log(1 + Math.Max(0, company.Employees));
        var logAge = (float)Math.Log(1 + Math.Clamp(ReferenceYear - company.YearFounded, 0, 500));
        features[i++] = logEmployees;
        features[i++] = -logEmployees;
        features[i++] = logAge;
        features[i] = -logAge;
        return features;
    }

    /// <summary>The index of a question's dimension in the schema's dimensions.</summary>
    public int DimensionOf(int questionIndex) => _questionDimension[questionIndex];

    /// <summary>Where a dimension's features sit in the vector: every feature <see cref="EncodeDimension"/> writes.</summary>
    public IReadOnlyList<int> DimensionFeatures(int dimension) => _dimensionFeatures[dimension];

    /// <summary>
    /// Writes again, in <paramref name="features"/>, the features of one dimension's questions for these answers, and
    /// leaves every other feature as it was: answers of one dimension change only that dimension's features (a blank
    /// question follows the other answers of its own dimension), so this equals <see cref="Encode"/> when only answers of
    /// <paramref name="dimension"/> differ from those <paramref name="features"/> were encoded from.
    /// </summary>
    public void EncodeDimension(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, int dimension, float[] features)
    {
        double[]? fractions = null;
        for (var q = 0; q < _schema.Questions.Count; q++)
        {
            if (_questionDimension[q] != dimension) continue;
            features.AsSpan(QuestionFeatures(q)).Clear();
            EncodeQuestion(q, company, answers, ref fractions, features);
        }
    }

    /// <summary>
    /// Writes again, in <paramref name="features"/>, the features of one question the answers answer, and leaves every
    /// other feature as it was: equal to <see cref="Encode"/> when only that answer differs and no question of its
    /// dimension is left blank (a blank follows its dimension's answers: then <see cref="EncodeDimension"/>).
    /// </summary>
    public void EncodeAnswered(int question, CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, float[] features)
    {
        double[]? fractions = null;
        features.AsSpan(QuestionFeatures(question)).Clear();
        EncodeQuestion(question, company, answers, ref fractions, features);
    }

    private void EncodeQuestion(int q, CompanyProfile company, IReadOnlyDictionary<string, Answer> answers, ref double[]? fractions, float[] features)
    {
        var question = _schema.Questions[q];
        if (!question.AppliesToSector(company.Sector)) return;
        var start = _questionStart[q];
        var steps = _questionLevels[q] - 1;
        if (answers.TryGetValue(question.Id, out var answer))
        {
            var level = _levelOf[q](answer);
            if (level < 0) throw new ArgumentException($"{question.Id}: '{answer}' is not on the question's scale.", nameof(answers));
            for (var j = 0; j < level; j++) features[start + j] = 1f;
        }
        else
        {
            fractions ??= _rubric.Fractions(company.Sector, answers);
            var level = fractions[_questionDimension[q]] * steps;
            for (var j = 0; j < steps; j++) features[start + j] = (float)Math.Clamp(level - j, 0, 1);
        }
    }

    /// <summary>Names in vector order, for the model's metrics and for people reading them.</summary>
    public IReadOnlyList<string> FeatureNames() =>
    [
        .. _schema.Questions.SelectMany((q, i) => Enumerable.Range(1, _questionLevels[i] - 1).Select(j => $"{q.Id}>={j}")),
        .. _schema.Sectors.Select(s => $"sector:{s.Id}"),
        .. ContextNames,
    ];
}
