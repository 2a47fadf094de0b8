using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Testing;

/// <summary>
/// Builds questionnaire submissions from the real schema, so tests say what they mean
/// (<c>AssessmentBuilder.Strong().InSector("mining")</c>) instead of copying JSON.
/// </summary>
public sealed class AssessmentBuilder
{
    private readonly QuestionnaireSchema _schema = QuestionnaireSchema.V1;
    private readonly Func<Question, JsonNode?> _answerFor;
    private readonly Dictionary<string, JsonNode?> _overrides = new(StringComparer.Ordinal);
    private readonly HashSet<string> _omitted = new(StringComparer.Ordinal);
    private string _sector = "manufacturing";
    private string _companyName = "Norrlands Trä AB";
    private string? _programme;
    private string _region = "SE-AC";
    private int _schemaVersion;
    private JsonNode? _employees = 25;

    private AssessmentBuilder(Func<Question, JsonNode?> answerFor)
    {
        _answerFor = answerFor;
        _schemaVersion = _schema.SchemaVersion;
    }

    /// <summary>Every question answered at its top.</summary>
    public static AssessmentBuilder Strong() => new(q => Value(q, top: true));

    /// <summary>Every question answered at its bottom.</summary>
    public static AssessmentBuilder Weak() => new(q => Value(q, top: false));

    /// <summary>A middling company: answers alternate between top and bottom, question by question.</summary>
    public static AssessmentBuilder Mixed()
    {
        var i = 0;
        return new(q => Value(q, top: i++ % 2 == 0));
    }

    public AssessmentBuilder InSector(string sector) { _sector = sector; return this; }
    public AssessmentBuilder InProgramme(string programme) { _programme = programme; return this; }
    public AssessmentBuilder InRegion(string region) { _region = region; return this; }
    public AssessmentBuilder Named(string companyName) { _companyName = companyName; return this; }
    public AssessmentBuilder WithSchemaVersion(int version) { _schemaVersion = version; return this; }
    public AssessmentBuilder WithEmployees(JsonNode? employees) { _employees = employees; return this; }
    public AssessmentBuilder WithAnswer(string questionId, JsonNode? value) { _overrides[questionId] = value; return this; }
    public AssessmentBuilder Without(string questionId) { _omitted.Add(questionId); return this; }

    /// <summary>These questions answered at their bottom: gaps exactly where a test wants them.</summary>
    public AssessmentBuilder WithGapsIn(params string[] questionIds)
    {
        foreach (var id in questionIds) _overrides[id] = Value(_schema.QuestionsById[id], top: false);
        return this;
    }

    public JsonObject ToJson()
    {
        var answers = new JsonObject();
        foreach (var question in _schema.Questions.Where(q => q.AppliesToSector(_sector) && !_omitted.Contains(q.Id)))
            answers[question.Id] = _answerFor(question);
        foreach (var (id, value) in _overrides) answers[id] = value?.DeepClone();

        var body = new JsonObject
        {
            ["schemaVersion"] = _schemaVersion,
            ["company"] = new JsonObject
            {
                ["name"] = _companyName,
                ["sector"] = _sector,
                ["employees"] = _employees?.DeepClone(),
                ["turnoverSek"] = 42_000_000,
                ["yearFounded"] = 1998,
                ["region"] = _region,
                ["exportSharePercent"] = 12.5,
            },
            ["product"] = new JsonObject { ["name"] = "Limträbalk NX-200", ["description"] = "Glulam beams for Nordic housing" },
            ["answers"] = answers,
        };
        if (_programme is not null) body["programme"] = _programme;
        return body;
    }

    public string ToJsonString() => ToJson().ToJsonString();

    /// <summary>The validated submission, as the intake sees it.</summary>
    public Submission ToSubmission()
    {
        var outcome = new SubmissionValidator(_schema).Validate(JsonDocument.Parse(ToJsonString()).RootElement);
        return outcome.Submission ?? throw new InvalidOperationException(
            "The builder made an invalid submission: " + string.Join("; ", outcome.Messages.Select(e => $"{e.Key}: {string.Join(" ", e.Value.AsEnumerable())}")));
    }

    /// <summary>A stored Pending assessment of this submission, for tests that write the store directly.</summary>
    public Assessment ToAssessment(string? id = null, DateTimeOffset? submittedAt = null, string accessTokenHash = "")
    {
        var s = ToSubmission();
        return new Assessment
        {
            Id = id ?? AssessmentIntake.NewId(), Programme = s.Programme, SchemaVersion = s.SchemaVersion, Company = s.Company, Product = s.Product,
            Answers = s.Answers, SubmittedAt = submittedAt ?? DateTimeOffset.UtcNow, AccessTokenHash = accessTokenHash,
        };
    }

    private static JsonNode? Value(Question q, bool top) => q.Type switch
    {
        QuestionType.Choice => JsonValue.Create((top ? q.Options!.MaxBy(o => o.Points) : q.Options!.MinBy(o => o.Points))!.Value),
        QuestionType.YesNo => JsonValue.Create(top),
        _ => JsonValue.Create(top ? q.Max!.Value : q.Min!.Value),
    };
}
