using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>One raise that lowered the probability.</summary>
public sealed record MonotonicityViolation(string QuestionId, string From, string To, double Before, double After);

public sealed record MonotonicityReport(int Checks, int Violations, IReadOnlyList<MonotonicityViolation> Examples)
{
    public bool Monotone => Violations == 0;
}

/// <summary>
/// The promise "a better answer never lowers the score", tested on the model as shipped: random companies and
/// answers (optional questions sometimes blank), one answered question raised by one step (the next option up,
/// yes for no, a larger number), both rows scored through ML.NET, and every drop counted. A challenger must pass
/// it with zero drops before it may be published, and so must the bundled model in CI.
/// </summary>
public static class MonotonicityCheck
{
    public const int DefaultSamples = 10_000;
    private const int ExamplesKept = 10;

    public static MonotonicityReport Run(ReadinessModel model, FeatureEncoder encoder, int samples = DefaultSamples, int seed = 9)
    {
        var schema = encoder.Schema;
        var random = new Random(seed);
        var rows = new List<float[]>(2 * samples);
        var raises = new List<(Question Question, Answer From, Answer To)>(samples);
        while (raises.Count < samples)
        {
            var company = RandomCompany(schema, random);
            var answers = RandomAnswers(schema, company.Sector, random);
            var raisable = answers.Where(a => !IsTop(schema.QuestionsById[a.Key], a.Value)).ToList();
            if (raisable.Count == 0) continue;
            var (id, from) = raisable[random.Next(raisable.Count)];
            var question = schema.QuestionsById[id];
            var to = OneStepUp(question, from, random);
            rows.Add(encoder.Encode(company, answers));
            rows.Add(encoder.Encode(company, new Dictionary<string, Answer>(answers) { [id] = to }));
            raises.Add((question, from, to));
        }

        var probabilities = model.PredictProbabilities(rows);
        var examples = new List<MonotonicityViolation>();
        var violations = 0;
        for (var i = 0; i < raises.Count; i++)
        {
            var (before, after) = (probabilities[2 * i], probabilities[2 * i + 1]);
            if (after >= before) continue;
            violations++;
            if (examples.Count < ExamplesKept)
                examples.Add(new MonotonicityViolation(raises[i].Question.Id, raises[i].From.ToString(), raises[i].To.ToString(), before, after));
        }
        return new MonotonicityReport(raises.Count, violations, examples);
    }

    /// <summary>The next answer up: the next option in climbing order, yes for no, or a larger number.</summary>
    public static Answer OneStepUp(Question question, Answer answer, Random random)
    {
        if (question.Type == QuestionType.Number)
        {
            var value = answer.Number!.Value;
            return Answer.Of(Math.Round(value + random.NextDouble() * (question.Max!.Value - value), 1));
        }
        var ordered = AnswerScale.OrderedChoices(question);
        var position = ordered.ToList().FindIndex(a => a == answer);
        return ordered[Math.Min(position + 1, ordered.Count - 1)];
    }

    private static bool IsTop(Question question, Answer answer) => question.Type == QuestionType.Number
        ? answer.Number >= question.Max
        : AnswerScale.OrderedChoices(question)[^1] == answer;

    private static CompanyProfile RandomCompany(QuestionnaireSchema schema, Random random) => new(
        "Monotonicity check",
        schema.Sectors[random.Next(schema.Sectors.Count)].Id,
        (int)Math.Round(Math.Exp(random.NextDouble() * Math.Log(250))),
        random.Next(1, 500) * 1_000_000,
        random.Next(1900, FeatureEncoder.ReferenceYear + 1),
        schema.Regions[random.Next(schema.Regions.Count)].Id,
        random.Next(0, 101));

    private static Dictionary<string, Answer> RandomAnswers(QuestionnaireSchema schema, string sector, Random random)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var question in schema.Questions)
        {
            if (!question.AppliesToSector(sector) || (!question.Required && random.NextDouble() < 0.25)) continue;
            answers[question.Id] = question.Type switch
            {
                QuestionType.Choice => Answer.Of(question.Options![random.Next(question.Options.Count)].Value),
                QuestionType.YesNo => Answer.Of(random.NextDouble() < 0.5),
                _ => random.NextDouble() < 0.5
                    ? Answer.Of(question.Bands![random.Next(question.Bands.Count)].From)
                    : Answer.Of(Math.Round(question.Min!.Value + random.NextDouble() * (question.Max!.Value - question.Min.Value), 1)),
            };
        }
        return answers;
    }
}
