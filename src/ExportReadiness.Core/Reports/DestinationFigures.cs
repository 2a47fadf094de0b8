using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Reports;

/// <summary>
/// What one product adds to a destination or programme report, from its latest scored assessment: per VisitSweden
/// criterion (in <see cref="VisitSwedenCriteria.All"/>'s order) <c>m</c> met, <c>a</c> answered below the top, <c>n</c>
/// not asked of its sector, <c>-</c> unanswered; the questions it answered below the top (its gaps); its dimension scores.
/// </summary>
public sealed record DestinationFigures(string Criteria, IReadOnlyList<string> Gaps, IReadOnlyDictionary<string, int> Dimensions)
{
    /// <summary>
    /// A gap is an answer below its question's top (one that carries a recommendation), read from the answers rather than
    /// the model's explanation: the same for every model version, and an unmet criterion is then also a gap. An unanswered
    /// optional question is none.
    /// </summary>
    public static DestinationFigures Of(Assessment a, QuestionnaireSchema schema)
    {
        var criteria = new char[VisitSwedenCriteria.All.Count];
        for (var i = 0; i < criteria.Length; i++)
        {
            var q = schema.QuestionsById[VisitSwedenCriteria.All[i].QuestionId];
            criteria[i] = !q.AppliesToSector(a.Company.Sector) ? 'n'
                : !a.Answers.TryGetValue(q.Id, out var answer) ? '-'
                : IsTop(q, answer) ? 'm' : 'a';
        }
        var gaps = schema.Questions.Where(q => q.AppliesToSector(a.Company.Sector) && a.Answers.TryGetValue(q.Id, out var answer) && !IsTop(q, answer))
            .Select(q => q.Id).ToList();
        return new DestinationFigures(new string(criteria), gaps,
            (a.Result?.Dimensions ?? []).ToDictionary(d => d.Id, d => d.Score, StringComparer.Ordinal));
    }

    /// <summary>The question's best answer: <c>yes</c>, the top option, the top band.</summary>
    private static bool IsTop(Question question, Answer answer) => question.Evaluate(answer).Points >= question.MaxPoints;
}

/// <summary>The sums of many products' <see cref="DestinationFigures"/>: what a destination report is made from.</summary>
public sealed class DestinationTally
{
    public int Products { get; set; }
    public int[] Met { get; set; } = new int[VisitSwedenCriteria.All.Count];
    public int[] Answered { get; set; } = new int[VisitSwedenCriteria.All.Count];
    public int[] NotApplicable { get; set; } = new int[VisitSwedenCriteria.All.Count];
    public int AllMet { get; set; }
    public int AllAnswered { get; set; }
    public int AllNotApplicable { get; set; }
    public Dictionary<string, int> Gaps { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Per dimension id: the sum of the products' scores and how many they are.</summary>
    public Dictionary<string, long[]> Dimensions { get; set; } = new(StringComparer.Ordinal);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Products == 0 && Gaps.Count == 0 && Dimensions.Count == 0 && Met.All(n => n == 0) && Answered.All(n => n == 0)
        && NotApplicable.All(n => n == 0) && AllMet == 0 && AllAnswered == 0 && AllNotApplicable == 0;

    public void Add(DestinationFigures p, int sign = 1)
    {
        Products += sign;
        bool every = true, answeredEvery = true, appliesToAny = false;
        for (var i = 0; i < Met.Length && i < p.Criteria.Length; i++)
        {
            switch (p.Criteria[i])
            {
                case 'n': NotApplicable[i] += sign; answeredEvery = false; continue;
                case '-': appliesToAny = true; answeredEvery = false; continue;
                case 'm': appliesToAny = true; Answered[i] += sign; Met[i] += sign; break;
                default: appliesToAny = true; Answered[i] += sign; every = false; break;
            }
        }
        if (!appliesToAny) AllNotApplicable += sign;
        else if (answeredEvery)
        {
            AllAnswered += sign;
            if (every) AllMet += sign;
        }
        foreach (var gap in p.Gaps) Bump(Gaps, gap, sign);
        foreach (var (id, score) in p.Dimensions)
        {
            var sums = Dimensions.TryGetValue(id, out var s) ? s : Dimensions[id] = new long[2];
            sums[0] += sign * score;
            sums[1] += sign;
            if (sums[0] == 0 && sums[1] == 0) Dimensions.Remove(id);
        }
    }

    public void Add(DestinationTally other, int sign = 1)
    {
        Products += sign * other.Products;
        for (var i = 0; i < Met.Length && i < other.Met.Length; i++)
        {
            Met[i] += sign * other.Met[i];
            Answered[i] += sign * other.Answered[i];
            NotApplicable[i] += sign * other.NotApplicable[i];
        }
        AllMet += sign * other.AllMet;
        AllAnswered += sign * other.AllAnswered;
        AllNotApplicable += sign * other.AllNotApplicable;
        foreach (var (gap, n) in other.Gaps) Bump(Gaps, gap, sign * n);
        foreach (var (id, theirs) in other.Dimensions)
        {
            var sums = Dimensions.TryGetValue(id, out var s) ? s : Dimensions[id] = new long[2];
            sums[0] += sign * theirs[0];
            sums[1] += sign * theirs[1];
            if (sums[0] == 0 && sums[1] == 0) Dimensions.Remove(id);
        }
    }

    private static void Bump(Dictionary<string, int> counts, string key, int by)
    {
        var n = counts.GetValueOrDefault(key) + by;
        if (n == 0) counts.Remove(key);
        else counts[key] = n;
    }
}
