using System.Globalization;
using System.Text.Json;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Validation;

/// <summary>
/// How a World Bank Enterprise Surveys row becomes a company, its answers and its outcome: shipped as data
/// (<c>wbes-mapping.v1.json</c>) so an agency can read, check and adapt it without touching code. Loading checks it
/// against the questionnaire and refuses any mapping that feeds a forbidden (outcome-describing) variable into the score.
/// </summary>
public sealed record WbesMapping
{
    public const string ResourceName = "validation.wbes-mapping.v1.json";

    /// <summary>Variables that describe the outcome; never an input, whatever a mapping file says.</summary>
    public static readonly IReadOnlyList<string> AlwaysForbidden = ["d3b", "d3c", "d8", "e1"];

    public required int Version { get; init; }
    public required int SchemaVersion { get; init; }
    public string? Source { get; init; }
    public required WbesLabel Label { get; init; }
    public required IReadOnlyList<WbesForbiddenVariable> Forbidden { get; init; }
    public required WbesCompany Company { get; init; }
    public required IReadOnlyList<WbesQuestion> Questions { get; init; }

    /// <summary>Every survey variable that feeds the company profile or an answer.</summary>
    public IEnumerable<string> InputVariables =>
        new[] { Company.Sector.Variable, Company.Employees.Variable, Company.YearFounded.Variable }
            .Concat(Questions.Where(q => q.Question is not null).Select(q => q.Variable));

    private static readonly Lazy<WbesMapping> Bundled = new(() =>
    {
        using var stream = typeof(WbesMapping).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Resource {ResourceName} is missing.");
        return Load(stream, QuestionnaireSchema.V1);
    });

    /// <summary>The mapping shipped with this build, checked against questionnaire v1.</summary>
    public static WbesMapping V1 => Bundled.Value;

    public static WbesMapping Load(Stream json, QuestionnaireSchema schema)
    {
        var mapping = JsonSerializer.Deserialize<WbesMapping>(json, QuestionnaireSchema.JsonOptions)
            ?? throw new InvalidDataException("The WBES mapping file is empty.");
        var problems = mapping.Problems(schema);
        if (problems.Count > 0) throw new InvalidDataException($"The WBES mapping is inconsistent: {string.Join("; ", problems)}");
        return mapping;
    }

    /// <summary>Everything that makes the mapping unusable with this questionnaire, or leaky.</summary>
    public IReadOnlyList<string> Problems(QuestionnaireSchema schema)
    {
        var problems = new List<string>();
        var forbidden = AlwaysForbidden.Concat(Forbidden.Select(f => f.Variable)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        problems.AddRange(InputVariables.Where(forbidden.Contains).Select(v => $"{v} describes the outcome and must never be an input"));
        if (!forbidden.Contains(Label.Variable)) problems.Add($"the label {Label.Variable} must be listed as forbidden");
        if (SchemaVersion != schema.SchemaVersion) problems.Add($"written for questionnaire v{SchemaVersion}, not v{schema.SchemaVersion}");
        if (schema.FindSector(Company.Sector.Default) is null) problems.Add($"unknown default sector {Company.Sector.Default}");
        problems.AddRange(Company.Sector.Ranges.Where(r => schema.FindSector(r.Sector) is null).Select(r => $"unknown sector {r.Sector}"));
        if (!schema.HasRegion(Company.Region)) problems.Add($"unknown region {Company.Region}");
        foreach (var q in Questions.Where(q => q.Question is not null))
        {
            if (!schema.QuestionsById.TryGetValue(q.Question!, out var question))
            {
                problems.Add($"{q.Variable}: unknown question {q.Question}");
                continue;
            }
            if (q.Values is null && (question.Type != QuestionType.Number || q.Scale is null))
                problems.Add($"{q.Variable}: needs values, or scale and offset for a number question");
            foreach (var (code, text) in q.Values ?? new Dictionary<string, string>())
                if (!double.TryParse(code, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || ParseAnswer(question, text) is null)
                    problems.Add($"{q.Variable}: code {code} → '{text}' is not a valid answer to {q.Question}");
        }
        if (Questions.Select(q => q.Variable).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Questions.Count) problems.Add("a variable is mapped twice");
        return problems;
    }

    /// <summary>An answer as the batch CSV writes it (option value, true/false, number), or null if it does not fit the question.</summary>
    internal static Answer? ParseAnswer(Question question, string text) => question.Type switch
    {
        QuestionType.Choice => question.Options!.Any(o => o.Value == text) ? Answer.Of(text) : null,
        QuestionType.YesNo => text switch { "true" => Answer.Of(true), "false" => Answer.Of(false), _ => null },
        QuestionType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= question.Min && n <= question.Max
            ? Answer.Of(n) : null,
        _ => null,
    };
}

public sealed record WbesLabel(string Variable, string Meaning, double ThresholdPercent, string? Rule = null);

public sealed record WbesForbiddenVariable(string Variable, string Meaning, string Why);

public sealed record WbesVariable(string Variable, string Meaning);

public sealed record WbesSectorRange(int From, int To, string Sector, string? Meaning = null);

public sealed record WbesSector(string Variable, string Meaning, string Classification, string Default, IReadOnlyList<WbesSectorRange> Ranges)
{
    public string SectorOf(double? code) =>
        code is { } c ? Ranges.FirstOrDefault(r => c >= r.From && c <= r.To)?.Sector ?? Default : Default;
}

public sealed record WbesCompany
{
    public required WbesSector Sector { get; init; }
    public required WbesVariable Employees { get; init; }
    public required WbesVariable YearFounded { get; init; }
    public required double TurnoverSekPerEmployee { get; init; }
    public string? TurnoverNote { get; init; }
    public required string Region { get; init; }
    public string? RegionNote { get; init; }
}

/// <summary>
/// One survey variable and the question it answers: either a code → answer table (<see cref="Values"/>) or, for a
/// number question, answer = <see cref="Offset"/> + <see cref="Scale"/> × value, clamped to the question's range.
/// <see cref="Question"/> is null for a variable that was considered and has no question to go to.
/// </summary>
public sealed record WbesQuestion
{
    public required string Variable { get; init; }
    public required string Meaning { get; init; }
    public string? Question { get; init; }

    /// <summary><c>direct</c> (the survey asks what the question asks), <c>proxy</c> (a related fact) or <c>none</c>.</summary>
    public required string Strength { get; init; }
    public IReadOnlyDictionary<string, string>? Values { get; init; }
    public double? Scale { get; init; }
    public double? Offset { get; init; }
    public string? Why { get; init; }

    /// <summary>The answer for a survey value, or null when the value is missing, a "don't know"-type code, or unmapped.</summary>
    public Answer? AnswerFor(Question question, double? value)
    {
        if (value is not { } v) return null;
        if (Values is not null)
            return Values.TryGetValue(v.ToString(CultureInfo.InvariantCulture), out var text) ? WbesMapping.ParseAnswer(question, text) : null;
        if (v < 0 || Scale is not { } scale) return null; // negative codes are the survey's missing values
        return Answer.Of(Math.Clamp((Offset ?? 0) + scale * v, question.Min!.Value, question.Max!.Value));
    }
}
