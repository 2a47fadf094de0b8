using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// A seeded generator of labelled questionnaires, standing in for reviewed outcomes until advisors have
/// produced enough of them. The simulated outcome is a logistic model whose weights follow published
/// firm-level evidence (<see cref="EvidenceWeights"/>; every weight and its source in docs/training-data.md):
/// additive in each answer's level, with modest size, age and sector effects, and label noise, so no model can
/// be perfect. Answers correlate through one latent capability, as they do in real firms. Another
/// <see cref="OutcomeWeights"/> table simulates a population whose truth differs from the prior (tests, bench).
/// </summary>
public sealed class SyntheticTrainingSet(QuestionnaireSchema schema, int seed = 2013, OutcomeWeights? truth = null)
{
    private readonly OutcomeWeights _truth = truth ?? EvidenceWeights.Prior;

    public const int ReferenceYear = 2026;
    public const double LabelNoise = 0.05;

    /// <summary>Chosen so that about two in five generated products end export-ready.</summary>
    public const double Intercept = -3.9;

    /// <summary>Share of optional questions left blank, at random: the truth still knows the firm's real answer.</summary>
    public const double BlankShare = 0.2;

    /// <summary>Share of firms at the bottom of a question offering "don't know" that answer it instead.</summary>
    public const double DontKnowShare = 0.4;

    private static readonly (string Sector, double Weight)[] SectorMix =
    [
        ("manufacturing", 0.20), ("tourism", 0.14), ("digital", 0.12), ("food", 0.10), ("forestry", 0.10),
        ("process", 0.08), ("mining", 0.06), ("energy", 0.06), ("other", 0.14),
    ];

    public IEnumerable<LabelledAssessment> Generate(int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++) yield return Next(random, i);
    }

    private LabelledAssessment Next(Random random, int index)
    {
        var sector = PickSector(random);
        var employees = (int)Math.Clamp(Math.Round(Math.Exp(Normal(random, Math.Log(15), 1.0))), 1, 249);
        var turnover = Math.Round(employees * Math.Exp(Normal(random, Math.Log(1_600_000), 0.5)) / 1000) * 1000;
        var age = (int)Math.Clamp(Math.Round(Math.Exp(Normal(random, Math.Log(15), 0.8))), 1, 120);
        var region = schema.Regions[random.Next(schema.Regions.Count)].Id;

        // One latent capability drives every dimension, so answers correlate as they do in real firms; larger
        // firms are more capable on average (exporters are larger and more productive before they export).
        var capability = Normal(random, 0, 1) + 0.3 * (Math.Log(employees) - Math.Log(15));
        var dimensionQuality = schema.Dimensions.ToDictionary(d => d.Id, _ => 0.6 * capability + 0.8 * Normal(random, 0, 1));

        var truth = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var shown = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var question in schema.Questions)
        {
            if (!question.AppliesToSector(sector)) continue;
            var u = Phi(dimensionQuality[question.Dimension] + 0.6 * Normal(random, 0, 1));
            var (real, given) = AnswerAt(question, u, random);
            truth[question.Id] = real;
            if (question.Required || random.NextDouble() >= BlankShare) shown[question.Id] = given;
        }

        var experience = dimensionQuality.GetValueOrDefault("experience");
        var exportShare = Math.Round(Math.Clamp(80 * Phi(1.2 * experience - 0.8 + 0.5 * Normal(random, 0, 1)), 0, 100));
        var company = new CompanyProfile($"Synthetic {index + 1}", sector, employees, turnover, ReferenceYear - age, region, exportShare);

        var probability = Evaluation.Sigmoid(OutcomeLogit(company, truth));
        var ready = random.NextDouble() < probability;
        if (random.NextDouble() < LabelNoise) ready = !ready;
        return new LabelledAssessment(company, shown, ready);
    }

    /// <summary>
    /// The simulated truth: the evidence-weighted sum of answer levels, each centred on the middle of its scale
    /// (−½ lowest, +½ top) so that a sector's extra module questions do not by themselves move its base rate,
    /// plus size, age and sector.
    /// </summary>
    internal double OutcomeLogit(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers)
    {
        var logit = _truth.Intercept
            + _truth.LogEmployees * Math.Log(Math.Max(1, company.Employees))
            + _truth.LogAge * Math.Log(1 + Math.Max(0, ReferenceYear - company.YearFounded))
            + _truth.Sectors.GetValueOrDefault(company.Sector);
        foreach (var question in schema.Questions)
        {
            if (!question.AppliesToSector(company.Sector) || !answers.TryGetValue(question.Id, out var answer)) continue;
            logit += _truth.Questions.GetValueOrDefault(question.Id) * (LevelShare(question, answer) - 0.5);
        }
        return logit;
    }

    /// <summary>The answer's level as a share of its scale: 0 at the lowest (and "don't know"), 1 at the top.</summary>
    internal static double LevelShare(Question question, Answer answer) =>
        AnswerScale.LevelOf(question, answer) / (double)(AnswerScale.LevelCount(question) - 1);

    /// <summary>The firm's real answer at quantile u, and what it writes: "don't know" for some at the bottom.</summary>
    private static (Answer Real, Answer Given) AnswerAt(Question question, double u, Random random)
    {
        switch (question.Type)
        {
            case QuestionType.Choice:
                var ordered = question.Options!.Where(o => !o.DontKnow).OrderBy(o => o.Points).ToList();
                var real = Answer.Of(ordered[Math.Min(ordered.Count - 1, (int)(u * ordered.Count))].Value);
                var dontKnow = question.Options!.FirstOrDefault(o => o.DontKnow);
                var atBottom = AnswerScale.LevelOf(question, real) == 0;
                return (real, dontKnow is not null && atBottom && random.NextDouble() < DontKnowShare ? Answer.Of(dontKnow.Value) : real);
            case QuestionType.YesNo:
                return (Answer.Of(u > 0.45), Answer.Of(u > 0.45));
            default:
                var range = question.Max!.Value - question.Min!.Value;
                var value = question.Min!.Value + Math.Pow(u, 1.3) * range;
                var number = Answer.Of(range >= 10 ? Math.Round(value) : Math.Round(value, 1));
                return (number, number);
        }
    }

    private static string PickSector(Random random)
    {
        var x = random.NextDouble() * SectorMix.Sum(s => s.Weight);
        foreach (var (sector, weight) in SectorMix)
        {
            if (x < weight) return sector;
            x -= weight;
        }
        return SectorMix[^1].Sector;
    }

    private static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Standard normal CDF (Abramowitz–Stegun 7.1.26), precise enough for simulation.</summary>
    private static double Phi(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x) / Math.Sqrt(2));
        var erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
            * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
