using System.Text;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Programmes;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;

namespace ExportReadiness.Core.Tests.Programmes;

/// <summary>Builds catalogue documents and explanations for tests: valid by default, each part replaceable.</summary>
internal static class CatalogueDocument
{
    public static JsonObject Programme(string id, string[]? dimensions = null, string[]? questions = null, string[]? sectors = null, string[]? regions = null) => new()
    {
        ["id"] = id,
        ["name"] = Text($"Program {id}", $"Programme {id}"),
        ["provider"] = Text("Testaktör", "Test actor"),
        ["kind"] = "advice",
        ["description"] = Text("Beskrivning.", "Description."),
        ["dimensions"] = Array(dimensions ?? ["finance"]),
        ["questions"] = Array(questions ?? []),
        ["sectors"] = Array(sectors ?? [SupportProgramme.All]),
        ["regions"] = Array(regions ?? [SupportProgramme.All]),
        ["s3Area"] = "none",
        ["url"] = $"https://example.org/{id}",
        ["sources"] = new JsonArray(new JsonObject { ["url"] = $"https://example.org/{id}", ["says"] = "What the page says.", ["accessed"] = "2026-11-25" }),
    };

    public static Stream Document(params JsonNode[] programmes) =>
        Stream(new JsonObject { ["schemaVersion"] = ProgrammeCatalogue.SchemaVersion, ["programmes"] = new JsonArray(programmes) });

    public static Stream Stream(JsonNode document) => new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));

    public static ProgrammeCatalogue Catalogue(params JsonNode[] programmes) => ProgrammeCatalogue.Parse(Document(programmes), QuestionnaireSchema.V1);

    /// <summary>Every question of the sector at no headroom, except the gaps given (question id, headroom in points).</summary>
    public static ProductGaps Product(string sector, string region, params (string Question, double Headroom)[] gaps)
    {
        var headroom = gaps.ToDictionary(g => g.Question, g => g.Headroom);
        var questions = QuestionnaireSchema.V1.Questions.Where(q => q.AppliesToSector(sector))
            .Select(q => new Contribution(q.Id, 1, headroom.GetValueOrDefault(q.Id)))
            .ToList();
        return new ProductGaps(sector, region, new ScoreExplanation(20, [], questions));
    }

    private static JsonObject Text(string sv, string en) => new() { ["sv"] = sv, ["en"] = en };

    private static JsonArray Array(string[] items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
}
