using System.Text;
using System.Text.Json.Nodes;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Testing;

/// <summary>Builds a batch CSV from assessment builders, with a way to spoil single cells.</summary>
public sealed class BatchFileBuilder
{
    private readonly List<Dictionary<string, string>> _rows = [];
    private static readonly IReadOnlyList<string> Header =
        new AssessmentCsv(QuestionnaireSchema.V1, new Core.Assessments.SubmissionValidator(QuestionnaireSchema.V1)).Header;

    public BatchFileBuilder Add(AssessmentBuilder assessment, Action<Dictionary<string, string>>? spoil = null)
    {
        var json = assessment.ToJson();
        var company = json["company"]!.AsObject();
        var row = new Dictionary<string, string>
        {
            ["programme"] = json["programme"]?.GetValue<string>() ?? "",
            ["companyName"] = company["name"]!.GetValue<string>(),
            ["sector"] = company["sector"]!.GetValue<string>(),
            ["employees"] = Cell(company["employees"]),
            ["turnoverSek"] = Cell(company["turnoverSek"]),
            ["yearFounded"] = Cell(company["yearFounded"]),
            ["region"] = company["region"]!.GetValue<string>(),
            ["exportSharePercent"] = Cell(company["exportSharePercent"]),
            ["productName"] = json["product"]!["name"]!.GetValue<string>(),
        };
        foreach (var (id, value) in json["answers"]!.AsObject()) row[id] = Cell(value);
        spoil?.Invoke(row);
        _rows.Add(row);
        return this;
    }

    public BatchFileBuilder AddMany(int count, Func<int, AssessmentBuilder> assessment)
    {
        for (var i = 0; i < count; i++) Add(assessment(i));
        return this;
    }

    public string ToCsv()
    {
        var csv = new StringBuilder(string.Join(',', Header)).Append("\r\n");
        foreach (var row in _rows) csv.Append(string.Join(',', Header.Select(h => Quote(row.GetValueOrDefault(h, ""))))).Append("\r\n");
        return csv.ToString();
    }

    private static string Cell(JsonNode? node) => node?.GetValueKind() switch
    {
        null or System.Text.Json.JsonValueKind.Null => "",
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(), // numbers and booleans as JSON writes them: invariant culture
    };

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;

    /// <summary>A batch file with an <c>outcome</c> column appended (one value per row, in order): a labelled file for validation.</summary>
    public static string WithOutcomes(string batchCsv, IReadOnlyList<string> outcomes)
    {
        var lines = batchCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return string.Join("\r\n", lines.Select((line, i) => line + "," + (i == 0 ? "outcome" : outcomes[i - 1]))) + "\r\n";
    }
}
