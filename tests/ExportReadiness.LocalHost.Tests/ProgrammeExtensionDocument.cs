using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Extension documents for the programme catalogue: one valid programme entry, each part replaceable.</summary>
public static class ProgrammeExtensionDocument
{
    public const string Route = "/api/programmes/extension";

    /// <summary>An extension that changes nothing: what the tests put back, so no other test sees their programmes.</summary>
    public static JsonObject Empty() => Document();

    public static JsonObject Document(params JsonNode[] programmes) => new() { ["schemaVersion"] = 1, ["programmes"] = new JsonArray(programmes) };

    /// <summary>
    /// A programme that names every question of every dimension: its relevance is all of a product's headroom, so in
    /// its region it ranks first for any product with gaps.
    /// </summary>
    public static JsonObject Programme(string id, string region) => new()
    {
        ["id"] = id,
        ["name"] = Text($"Exportlyft {id}", $"Export lift {id}"),
        ["provider"] = Text("Testregionen", "The test region"),
        ["kind"] = "advice",
        ["description"] = Text("Rådgivning i alla områden.", "Advice in every area."),
        ["dimensions"] = new JsonArray(QuestionnaireSchema.V1.Dimensions.Select(d => (JsonNode)JsonValue.Create(d.Id)).ToArray()),
        ["questions"] = new JsonArray(QuestionnaireSchema.V1.Questions.Select(q => (JsonNode)JsonValue.Create(q.Id)).ToArray()),
        ["sectors"] = new JsonArray("all"),
        ["regions"] = new JsonArray(region),
        ["s3Area"] = "none",
        ["url"] = $"https://example.org/{id}",
        ["sources"] = new JsonArray(new JsonObject { ["url"] = $"https://example.org/{id}/about", ["says"] = "What the page says.", ["accessed"] = "2026-11-25" }),
    };

    public static Task<HttpResponseMessage> PutExtensionAsync(this HttpClient client, JsonNode document) =>
        client.PutAsync(Route, new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));

    private static JsonObject Text(string sv, string en) => new() { ["sv"] = sv, ["en"] = en };
}
