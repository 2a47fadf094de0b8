using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Programmes;

/// <summary>
/// Reads a catalogue document (the bundled one or an advisor's extension) field by field rather than through the
/// serializer, so that every mistake is reported at once and names its entry and field in the advisor's terms,
/// not as a serializer path. The codes are checked against the questionnaire the matcher will compare them with.
/// </summary>
internal sealed partial class CatalogueReader(QuestionnaireSchema schema)
{
    /// <summary>One entry of a document: a programme, or (extension only) the withdrawal of a bundled one.</summary>
    internal sealed record Entry(string Id, SupportProgramme? Programme);

    private static readonly FrozenSet<string> DocumentFields = FrozenSet.Create("schemaVersion", "programmes");
    private static readonly FrozenSet<string> ProgrammeFields = FrozenSet.Create(
        "id", "name", "provider", "kind", "description", "dimensions", "questions", "sectors", "regions", "s3Area", "url", "sources", "withdrawn");
    private static readonly FrozenSet<string> SourceFields = FrozenSet.Create("url", "says", "accessed");
    private static readonly FrozenDictionary<string, ProgrammeKind> Kinds = WireNames<ProgrammeKind>.ByName;
    private static readonly FrozenDictionary<string, S3Area> Areas = WireNames<S3Area>.ByName;

    private readonly FrozenSet<string> _dimensions = schema.Dimensions.Select(d => d.Id).ToFrozenSet();
    private readonly FrozenSet<string> _sectors = schema.Sectors.Select(s => s.Id).ToFrozenSet();
    private readonly FrozenSet<string> _regions = schema.Regions.Select(r => r.Id).ToFrozenSet();
    private readonly FrozenSet<string> _questions = schema.QuestionsById.Keys.ToFrozenSet();
    private readonly List<CatalogueError> _errors = [];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    public IReadOnlyList<Entry> Read(Stream json, bool isExtension)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CatalogueException([new("document", "$", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})")]);
        }
        using (document)
        {
            var entries = ReadDocument(document.RootElement, isExtension);
            if (_errors.Count > 0) throw new CatalogueException(_errors);
            return entries;
        }
    }

    private List<Entry> ReadDocument(JsonElement root, bool isExtension)
    {
        var entries = new List<Entry>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("document", "$", "must be a JSON object with schemaVersion and programmes");
            return entries;
        }
        foreach (var field in root.EnumerateObject().Where(f => !DocumentFields.Contains(f.Name)))
            Error("document", field.Name, "is not a field of a catalogue document");
        if (!root.TryGetProperty("schemaVersion", out var version) || !version.TryGetInt32(out var v) || v != ProgrammeCatalogue.SchemaVersion)
            Error("document", "schemaVersion", $"must be {ProgrammeCatalogue.SchemaVersion}");
        if (!root.TryGetProperty("programmes", out var programmes) || programmes.ValueKind != JsonValueKind.Array)
        {
            Error("document", "programmes", "must be an array of programmes");
            return entries;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in programmes.EnumerateArray())
        {
            if (ReadEntry(element, $"programmes[{index++}]", isExtension) is { } entry)
            {
                if (!seen.Add(entry.Id)) Error(entry.Id, "id", "appears more than once in the document");
                entries.Add(entry);
            }
        }
        return entries;
    }

    private Entry? ReadEntry(JsonElement e, string position, bool isExtension)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            Error(position, position, "must be an object");
            return null;
        }
        var id = e.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : null;
        var entry = string.IsNullOrEmpty(id) ? position : id;
        foreach (var field in e.EnumerateObject().Where(f => !ProgrammeFields.Contains(f.Name)))
            Error(entry, field.Name, "is not a field of a programme");
        if (id is null || !IdPattern().IsMatch(id))
            Error(entry, "id", "is required: lower-case letters, digits and single hyphens, such as 'ekn-export-credit-guarantees'");

        if (e.TryGetProperty("withdrawn", out var withdrawn))
        {
            if (!isExtension) Error(entry, "withdrawn", "only an extension can withdraw a programme");
            else if (withdrawn.ValueKind != JsonValueKind.True) Error(entry, "withdrawn", "must be true, or left out");
            else return id is null ? null : new Entry(id, null);
        }

        var dimensions = Codes(e, entry, "dimensions", _dimensions, "dimension");
        var programme = new SupportProgramme
        {
            Id = id ?? "",
            Name = Text(e, entry, "name"),
            Provider = Text(e, entry, "provider"),
            Kind = Choice(e, entry, "kind", Kinds),
            Description = Text(e, entry, "description"),
            Dimensions = dimensions,
            Questions = Questions(e, entry, dimensions),
            Sectors = Scope(e, entry, "sectors", _sectors, "sector", alsoWithAll: null),
            Regions = Scope(e, entry, "regions", _regions, "region", alsoWithAll: SupportProgramme.OutsideSweden),
            S3Area = Choice(e, entry, "s3Area", Areas),
            Url = Link(e, entry, "url"),
            Sources = Sources(e, entry),
        };
        return id is null ? null : new Entry(id, programme);
    }

    private LocalizedText Text(JsonElement e, string entry, string field)
    {
        string Language(JsonElement text, string lang)
        {
            if (text.ValueKind == JsonValueKind.Object && text.TryGetProperty(lang, out var value)
                && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
                return value.GetString()!;
            Error(entry, $"{field}.{lang}", "is required and must not be blank");
            return "";
        }
        e.TryGetProperty(field, out var element);
        return new LocalizedText(Language(element, "sv"), Language(element, "en"));
    }

    private T Choice<T>(JsonElement e, string entry, string field, FrozenDictionary<string, T> choices) where T : struct, Enum
    {
        if (e.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && choices.TryGetValue(value.GetString()!, out var choice))
            return choice;
        Error(entry, field, $"must be one of {string.Join(", ", choices.Keys.Order(StringComparer.Ordinal))}");
        return default;
    }

    private List<string> Codes(JsonElement e, string entry, string field, FrozenSet<string> known, string what, bool allowEmpty = false)
    {
        var codes = new List<string>();
        if (!e.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array || (!allowEmpty && array.GetArrayLength() == 0))
        {
            Error(entry, field, $"must be {(allowEmpty ? "an" : "a non-empty")} array of {what} codes");
            return codes;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (code is null || !known.Contains(code)) Error(entry, $"{field}[{i}]", $"unknown {what} '{item}'");
            else if (codes.Contains(code)) Error(entry, $"{field}[{i}]", $"{what} '{code}' is listed twice");
            else codes.Add(code);
            i++;
        }
        return codes;
    }

    /// <summary>A question's gap can only be claimed together with its dimension, so the two never disagree.</summary>
    private List<string> Questions(JsonElement e, string entry, List<string> dimensions)
    {
        var questions = Codes(e, entry, "questions", _questions, "question", allowEmpty: true);
        foreach (var q in questions)
        {
            var dimension = schema.QuestionsById[q].Dimension;
            if (!dimensions.Contains(dimension))
                Error(entry, "questions", $"question '{q}' is in dimension '{dimension}', which dimensions does not list");
        }
        return questions;
    }

    private List<string> Scope(JsonElement e, string entry, string field, FrozenSet<string> known, string what, string? alsoWithAll)
    {
        var codes = Codes(e, entry, field, known.Append(SupportProgramme.All).ToFrozenSet(), what);
        if (codes.Contains(SupportProgramme.All) && codes.Any(c => c != SupportProgramme.All && c != alsoWithAll))
            Error(entry, field, $"'all' already covers every {what}{(alsoWithAll is null ? "" : $"; only '{alsoWithAll}' may stand beside it")}");
        return codes;
    }

    private string Link(JsonElement e, string entry, string field, string? reportAs = null)
    {
        var text = e.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return text!;
        Error(entry, reportAs ?? field, "must be an absolute http(s) address");
        return "";
    }

    private List<SourceCitation> Sources(JsonElement e, string entry)
    {
        var sources = new List<SourceCitation>();
        if (!e.TryGetProperty("sources", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            Error(entry, "sources", "must cite at least one public source (url, says, accessed)");
            return sources;
        }
        var i = 0;
        foreach (var source in array.EnumerateArray())
        {
            var field = $"sources[{i++}]";
            if (source.ValueKind != JsonValueKind.Object)
            {
                Error(entry, field, "must be an object with url, says and accessed");
                continue;
            }
            foreach (var extra in source.EnumerateObject().Where(f => !SourceFields.Contains(f.Name)))
                Error(entry, $"{field}.{extra.Name}", "is not a field of a source");
            var url = Link(source, entry, "url", $"{field}.url");
            var says = source.TryGetProperty("says", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            if (string.IsNullOrWhiteSpace(says)) Error(entry, $"{field}.says", "must say what the source states");
            var accessed = source.TryGetProperty("accessed", out var a) && a.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(a.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
            if (accessed is null) Error(entry, $"{field}.accessed", "must be the date the source was read, as yyyy-MM-dd");
            sources.Add(new SourceCitation(url, says, accessed ?? default));
        }
        return sources;
    }

    private void Error(string entry, string field, string message) => _errors.Add(new CatalogueError(entry, field, message));
}
