using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExportReadiness.Core.Questionnaire;

/// <summary>
/// The questionnaire as data: dimensions, sector list, regions and questions. One schema version per file,
/// so a submission can always be read against the exact questions it answered.
/// </summary>
public sealed record QuestionnaireSchema
{
    public required int SchemaVersion { get; init; }
    public required IReadOnlyList<Dimension> Dimensions { get; init; }
    public required IReadOnlyList<Question> Questions { get; init; }
    public required IReadOnlyList<Sector> Sectors { get; init; }
    public required IReadOnlyList<Region> Regions { get; init; }

    /// <summary>The company and product fields of a submission, with their bounds.</summary>
    public required IReadOnlyList<ContextField> Context { get; init; }
    public IReadOnlyList<string> Frameworks { get; init; } = [];

    private FrozenDictionary<string, Question>? _byId;

    [JsonIgnore]
    public FrozenDictionary<string, Question> QuestionsById => _byId ??= Questions.ToFrozenDictionary(q => q.Id);

    public Sector? FindSector(string id) => Sectors.FirstOrDefault(s => s.Id == id);

    public bool HasRegion(string id) => Regions.Any(r => r.Id == id);

    public Region? FindRegion(string id) => Regions.FirstOrDefault(r => r.Id == id);

    public ContextField Field(string id) => Context.FirstOrDefault(f => f.Id == id)
        ?? throw new KeyNotFoundException($"Questionnaire v{SchemaVersion} has no context field '{id}'.");

    /// <summary>Every context field the submission format has; the schema must describe each.</summary>
    public static readonly IReadOnlyList<string> ContextFieldIds =
    [
        "company.name", "company.sector", "company.employees", "company.turnoverSek", "company.yearFounded",
        "company.region", "company.exportSharePercent", "product.name", "product.description", "programme",
    ];

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lazy<QuestionnaireSchema> Current = new(() => LoadEmbedded("questionnaire.v1.json"));

    /// <summary>The schema new submissions are validated against.</summary>
    public static QuestionnaireSchema V1 => Current.Value;

    public static QuestionnaireSchema LoadEmbedded(string resourceName)
    {
        using var stream = typeof(QuestionnaireSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Questionnaire resource {resourceName} is missing.");
        return Parse(stream);
    }

    public static QuestionnaireSchema Parse(Stream json)
    {
        var schema = JsonSerializer.Deserialize<QuestionnaireSchema>(json, JsonOptions)
            ?? throw new InvalidDataException("The questionnaire file is empty.");
        schema.EnsureConsistent();
        return schema;
    }

    /// <summary>A broken schema file must stop the app at start, not surface as a wrong score later.</summary>
    private void EnsureConsistent()
    {
        var problems = new List<string>();
        var dimensionIds = Dimensions.Select(d => d.Id).ToHashSet();
        var sectorIds = Sectors.Select(s => s.Id).ToHashSet();
        if (Questions.Select(q => q.Id).Distinct().Count() != Questions.Count) problems.Add("question ids are not unique");
        foreach (var id in ContextFieldIds.Where(id => Context.All(f => f.Id != id))) problems.Add($"context field {id} is missing");
        foreach (var f in Context.Where(f => f.Type is ContextFieldType.Integer or ContextFieldType.Number && (f.Min is null || (f.Max is null && !f.MaxIsCurrentYear))))
            problems.Add($"context field {f.Id} has no bounds");
        foreach (var q in Questions)
        {
            if (!dimensionIds.Contains(q.Dimension)) problems.Add($"{q.Id}: unknown dimension {q.Dimension}");
            if (q.AppliesTo?.Any(s => !sectorIds.Contains(s)) == true) problems.Add($"{q.Id}: unknown sector in appliesTo");
            var wellFormed = q.Type switch
            {
                QuestionType.Choice => q.Options is { Count: >= 2 } o && o.Select(x => x.Value).Distinct().Count() == o.Count,
                QuestionType.YesNo => q.YesPoints > 0,
                QuestionType.Number => q.Min < q.Max && q.Bands is { Count: >= 1 } b && b[0].From == q.Min
                    && b.Zip(b.Skip(1)).All(p => p.First.From < p.Second.From),
                _ => false,
            };
            if (!wellFormed) problems.Add($"{q.Id}: malformed {q.Type} question");
            else if (q.Options?.Any(o => o.DontKnow && o.Points != q.Options.Min(x => x.Points)) == true)
                problems.Add($"{q.Id}: \"don't know\" must earn the lowest option's points");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"Questionnaire v{SchemaVersion} is inconsistent: {string.Join("; ", problems)}");
    }
}
