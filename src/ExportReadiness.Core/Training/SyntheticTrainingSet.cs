using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Training;

/// <summary>
/// A seeded generator of labelled questionnaires, standing in for reviewed outcomes until advisors have
/// produced enough of them. Every assumption it makes is listed in docs/training-data.md; the outcome
/// deliberately has structure a plain rubric average misses (caps, sector-dependent weights, a tourism
/// gate) and label noise, so the model has something real to learn and cannot be perfect.
/// </summary>
public sealed class SyntheticTrainingSet(QuestionnaireSchema schema, int seed = 2013)
{
    public const int ReferenceYear = 2026;
    public const double LabelNoise = 0.05;

    private static readonly (string Sector, double Weight)[] SectorMix =
    [
        ("manufacturing", 0.20), ("tourism", 0.14), ("digital", 0.12), ("food", 0.10), ("forestry", 0.10),
        ("process", 0.08), ("mining", 0.06), ("energy", 0.06), ("other", 0.14),
    ];

    private static readonly HashSet<string> CapacityBound = ["manufacturing", "process", "forestry", "food"];

    private readonly Rubric _rubric = new(schema);

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

        // One latent capability drives every dimension, so answers correlate as they do in real firms.
        var capability = Normal(random, 0, 1) + 0.15 * (Math.Log(employees) - Math.Log(15));
        var dimensionQuality = schema.Dimensions.ToDictionary(d => d.Id, _ => 0.6 * capability + 0.8 * Normal(random, 0, 1));

        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var question in schema.Questions)
        {
            if (!question.AppliesToSector(sector)) continue;
            if (!question.Required && random.NextDouble() < 0.2) continue;
            var u = Phi(dimensionQuality[question.Dimension] + 0.6 * Normal(random, 0, 1));
            answers[question.Id] = AnswerAt(question, u);
        }

        var experience = dimensionQuality.GetValueOrDefault("experience");
        var exportShare = Math.Round(Math.Clamp(80 * Phi(1.2 * experience - 0.8 + 0.5 * Normal(random, 0, 1)), 0, 100));
        var company = new CompanyProfile($"Synthetic {index + 1}", sector, employees, turnover, ReferenceYear - age, region, exportShare);

        var probability = Evaluation.Sigmoid(OutcomeLogit(company, answers));
        var ready = random.NextDouble() < probability;
        if (random.NextDouble() < LabelNoise) ready = !ready;
        return new LabelledAssessment(company, answers, ready);
    }

    /// <summary>The simulated truth: what makes a product export-ready in this synthetic world.</summary>
    internal double OutcomeLogit(CompanyProfile company, IReadOnlyDictionary<string, Answer> answers)
    {
        var fractions = _rubric.Fractions(company.Sector, answers);
        var regulated = schema.FindSector(company.Sector)?.Regulated == true;
        double weighted = 0, totalWeight = 0;
        for (var d = 0; d < schema.Dimensions.Count; d++)
        {
            var weight = schema.Dimensions[d].Id switch
            {
                "product" => 1.4,
                "market" => 1.2,
                "finance" or "channels" => 1.0,
                "experience" => 0.8,
                "marketing" => 0.7,
                "logistics" or "people" or "management" => 0.6,
                "sustainability" => company.Sector == "tourism" ? 1.2 : 0.5,
                "certifications" => regulated ? 2.4 : 0.3,
                "capacity" => CapacityBound.Contains(company.Sector) ? 2.0 : company.Sector == "digital" ? 0.1 : 0.7,
                _ => 0.5,
            };
            weighted += weight * (fractions[d] - 0.5);
            totalWeight += weight;
        }
        var logit = 10 * weighted / totalWeight - 0.6;

        var management = FractionOf(fractions, "management");
        if (management < 0.4) logit = Math.Min(logit, -2.5); // no committed management, no export
        if (FractionOf(fractions, "product") < 0.3) logit -= 1.5;
        if (company.Sector == "tourism" && SectorModuleFraction(company.Sector, answers) < 0.5) logit -= 2.0;
        return logit;
    }

    /// <summary>Share of points earned on the questions asked only in this sector (e.g. VisitSweden's criteria).</summary>
    private double SectorModuleFraction(string sector, IReadOnlyDictionary<string, Answer> answers)
    {
        var module = schema.Questions.Where(q => q.AppliesTo is not null && q.AppliesToSector(sector)).ToList();
        if (module.Count == 0) return 1;
        return module.Sum(q => q.Evaluate(answers.GetValueOrDefault(q.Id)).Points) / (double)module.Sum(q => q.MaxPoints);
    }

    private double FractionOf(double[] fractions, string dimension)
    {
        for (var d = 0; d < schema.Dimensions.Count; d++)
            if (schema.Dimensions[d].Id == dimension) return fractions[d];
        return 1;
    }

    private static Answer AnswerAt(Question question, double u)
    {
        switch (question.Type)
        {
            case QuestionType.Choice:
                var ordered = question.Options!.OrderBy(o => o.Points).ToList();
                return Answer.Of(ordered[Math.Min(ordered.Count - 1, (int)(u * ordered.Count))].Value);
            case QuestionType.YesNo:
                return Answer.Of(u > 0.45);
            default:
                var range = question.Max!.Value - question.Min!.Value;
                var value = question.Min!.Value + Math.Pow(u, 1.3) * range;
                return Answer.Of(range >= 10 ? Math.Round(value) : Math.Round(value, 1));
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
