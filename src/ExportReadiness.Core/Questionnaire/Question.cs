using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Questionnaire;

/// <summary>
/// One option of a choice question. <see cref="DontKnow"/> marks the "don't know" answer: it earns the lowest
/// option's points and sits at the bottom of the scale, because not knowing a customs procedure or one's own
/// capacity is, for readiness, the same as not having it (docs/questionnaire.md).
/// </summary>
public sealed record AnswerOption(string Value, int Points, LocalizedText Label, LocalizedText? Recommendation = null, bool DontKnow = false);

/// <summary>A scoring band of a number question: values from <see cref="From"/> up to the next band's From.</summary>
public sealed record NumberBand(double From, int Points, LocalizedText? Recommendation = null);

public sealed record Dimension(string Id, LocalizedText Name);

public sealed record Sector(string Id, LocalizedText Name, bool Regulated);

public sealed record Region(string Id, LocalizedText Name);

public sealed record Question
{
    public required string Id { get; init; }
    public required string Dimension { get; init; }
    public required LocalizedText Text { get; init; }
    public required QuestionType Type { get; init; }
    public bool Required { get; init; } = true;

    /// <summary>Sectors the question is asked in; null means every sector.</summary>
    public IReadOnlyList<string>? AppliesTo { get; init; }

    public IReadOnlyList<AnswerOption>? Options { get; init; }
    public int? YesPoints { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public LocalizedText? Unit { get; init; }
    public IReadOnlyList<NumberBand>? Bands { get; init; }

    /// <summary>For yes/no questions: what to do when the answer is no.</summary>
    public LocalizedText? Recommendation { get; init; }

    [JsonIgnore]
    public int MaxPoints => Type switch
    {
        QuestionType.Choice => Options!.Max(o => o.Points),
        QuestionType.YesNo => YesPoints!.Value,
        QuestionType.Number => Bands!.Max(b => b.Points),
        _ => 0,
    };

    public bool AppliesToSector(string sector) => AppliesTo is null || AppliesTo.Contains(sector);

    /// <summary>Points earned by an answer, and the recommendation that goes with it (null at the top).</summary>
    public (int Points, LocalizedText? Recommendation) Evaluate(Answer? answer)
    {
        switch (Type)
        {
            case QuestionType.Choice:
                var option = answer?.Choice is { } value ? Options!.First(o => o.Value == value) : LowestOption();
                return (answer is null ? 0 : option.Points, option.Recommendation);
            case QuestionType.YesNo:
                return answer?.YesNo == true ? (YesPoints!.Value, null) : (0, Recommendation);
            case QuestionType.Number:
                var band = answer?.Number is { } number ? BandFor(number) : Bands![0];
                return (answer is null ? 0 : band.Points, band.Recommendation);
            default:
                throw new InvalidOperationException($"Unknown question type {Type}.");
        }
    }

    /// <summary>The lowest real option (not "don't know"): its recommendation is the one for a blank answer.</summary>
    private AnswerOption LowestOption() => Options!.Where(o => !o.DontKnow).MinBy(o => o.Points)!;

    private NumberBand BandFor(double value) => Bands!.Last(b => b.From <= value);
}
