using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Scoring;

/// <summary>
/// Every question as an ordered scale of levels, lowest first: the distinct point values of its options or
/// bands (yes/no: no, yes). Options worth the same points share a level, so "don't know" (0 points) sits on the
/// lowest level beside the lowest real answer. The model's features, the monotonicity check and the gaps
/// all read levels from here, so "one step up" means the same thing everywhere.
/// </summary>
public static class AnswerScale
{
    public static int LevelCount(Question question) => question.Type switch
    {
        QuestionType.Choice => question.Options!.Select(o => o.Points).Distinct().Count(),
        QuestionType.YesNo => 2,
        QuestionType.Number => question.Bands!.Select(b => b.Points).Distinct().Count(),
        _ => throw new InvalidOperationException($"Unknown question type {question.Type}."),
    };

    /// <summary>The answer's level, 0 = lowest. Throws for an option the questionnaire does not know.</summary>
    public static int LevelOf(Question question, Answer answer) => question.Type switch
    {
        QuestionType.YesNo => answer.YesNo == true ? 1 : 0,
        _ => PointLevels(question).IndexOf(question.Evaluate(answer).Points),
    };

    /// <summary>A precomputed <see cref="LevelOf"/> for one question, for the hot path of encoding.</summary>
    public static Func<Answer, int> LevelReader(Question question)
    {
        switch (question.Type)
        {
            case QuestionType.YesNo:
                return a => a.YesNo == true ? 1 : 0;
            case QuestionType.Choice:
                var levels = PointLevels(question);
                var byValue = question.Options!.ToDictionary(o => o.Value, o => levels.IndexOf(o.Points), StringComparer.Ordinal);
                return a => a.Choice is { } c && byValue.TryGetValue(c, out var level) ? level : -1;
            default:
                var bandLevels = PointLevels(question);
                var bands = question.Bands!.Select(b => (b.From, Level: bandLevels.IndexOf(b.Points))).ToArray();
                return a =>
                {
                    if (a.Number is not { } n) return -1;
                    var level = bands[0].Level;
                    foreach (var band in bands) if (band.From <= n) level = band.Level;
                    return level;
                };
        }
    }

    /// <summary>
    /// The answers in the order an SME would climb them: by points, "don't know" first among equals, then as the
    /// questionnaire lists them. From "don't know" one step up is the lowest real option, on the same level.
    /// </summary>
    public static IReadOnlyList<Answer> OrderedChoices(Question question) => Ordered.GetValue(question, Order);

    /// <summary>
    /// Worked out once per question: every scored row's gaps climb every question's scale, which made ordering the
    /// options a twentieth of a batch's CPU.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Question, IReadOnlyList<Answer>> Ordered = new();

    private static IReadOnlyList<Answer> Order(Question question) => question.Type switch
    {
        QuestionType.Choice => question.Options!.Select((o, i) => (o, i)).OrderBy(x => x.o.Points).ThenByDescending(x => x.o.DontKnow).ThenBy(x => x.i)
            .Select(x => Answer.Of(x.o.Value)).ToList(),
        QuestionType.YesNo => [Answer.Of(false), Answer.Of(true)],
        QuestionType.Number => question.Bands!.OrderBy(b => b.Points).ThenBy(b => b.From).Select(b => Answer.Of(b.From)).ToList(),
        _ => throw new InvalidOperationException($"Unknown question type {question.Type}."),
    };

    /// <summary>The answer at the top of the scale.</summary>
    public static Answer Top(Question question) => OrderedChoices(question)[^1];

    private static List<int> PointLevels(Question question) =>
        (question.Type == QuestionType.Choice ? question.Options!.Select(o => o.Points) : question.Bands!.Select(b => b.Points))
        .Distinct().Order().ToList();
}
