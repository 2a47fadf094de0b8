using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

public sealed record DimensionScore(string Id, int Score);

/// <summary>
/// The transparent part of the score: per dimension, the points earned over the points possible among
/// the questions that apply to the company's sector and were answered. A question left blank is neither
/// rewarded nor punished: the dimension is judged on its other answers (the model reads a blank the same
/// way, see <see cref="FeatureEncoder"/>). "Don't know" is an answer and earns the lowest option's 0 points.
/// </summary>
public sealed class Rubric(QuestionnaireSchema schema)
{
    // Computed once: the rubric runs for every row the model encodes (training, scoring, the monotonicity check).
    private readonly int[] _dimensionOf = [.. schema.Questions.Select(q => schema.Dimensions.ToList().FindIndex(d => d.Id == q.Dimension))];
    private readonly int[] _maxPoints = [.. schema.Questions.Select(q => q.MaxPoints)];

    public IReadOnlyList<DimensionScore> Score(string sector, IReadOnlyDictionary<string, Answer> answers)
    {
        var fractions = Fractions(sector, answers);
        return schema.Dimensions.Select((d, i) => new DimensionScore(d.Id, (int)Math.Round(fractions[i] * 100))).ToList();
    }

    /// <summary>Per dimension (in schema order) the share of points earned, 0..1.</summary>
    public double[] Fractions(string sector, IReadOnlyDictionary<string, Answer> answers)
    {
        var earned = new double[schema.Dimensions.Count];
        var possible = new double[schema.Dimensions.Count];
        for (var q = 0; q < schema.Questions.Count; q++)
        {
            var question = schema.Questions[q];
            if (!answers.TryGetValue(question.Id, out var answer) || !question.AppliesToSector(sector)) continue;
            var d = _dimensionOf[q];
            if (d < 0) throw new ArgumentException($"Unknown dimension {question.Dimension}.", nameof(schema));
            possible[d] += _maxPoints[q];
            earned[d] += question.Evaluate(answer).Points;
        }
        for (var d = 0; d < earned.Length; d++) earned[d] = possible[d] > 0 ? earned[d] / possible[d] : 0;
        return earned;
    }

    /// <summary>The rubric's single number: the unweighted mean of the dimension scores, 0..100.</summary>
    public double Overall(string sector, IReadOnlyDictionary<string, Answer> answers) =>
        Fractions(sector, answers).Average() * 100;
}
