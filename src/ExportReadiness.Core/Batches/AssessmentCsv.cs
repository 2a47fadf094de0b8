using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Localization;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Batches;

/// <summary>
/// A CSV row read back: its line in the file and either the valid submission or why it was rejected, and the product
/// the row says it re-assesses (its <c>productId</c> cell), if any.
/// </summary>
public sealed record CsvRowOutcome(long Line, Submission? Submission, RowRejection? Rejection, string? ProductId = null);

/// <summary>Why a row was rejected: its problems, each after the column it is in (none for the whole row).</summary>
public sealed record RowRejection(IReadOnlyList<RowProblem> Problems)
{
    public static RowRejection Of(Message message) => new([new RowProblem(null, [message])]);

    /// <summary>As the advisor reads it beside the file: <c>employees: Expected a whole number. sector: …</c></summary>
    public string In(IMessageTexts texts) =>
        string.Join(" ", Problems.Select(p => (p.Column is null ? "" : $"{p.Column}: ") + string.Join(" ", p.Messages.Select(texts.Text))));
}

public sealed record RowProblem(string? Column, IReadOnlyList<Message> Messages);

/// <summary>
/// The answer columns shared by the batch upload, its template and the portfolio export: company context,
/// product, then one column per question id. Rows are validated by the same validator as the web form, so a
/// batch row and a web submission can never be judged differently.
/// </summary>
public sealed class AssessmentCsv(QuestionnaireSchema schema, SubmissionValidator validator)
{
    public static readonly string[] ContextColumns =
        ["programme", "companyName", "sector", "employees", "turnoverSek", "yearFounded", "region", "exportSharePercent", "productName", "productDescription", ProductIdColumn];

    /// <summary>Columns a file may leave out: the upload's programme applies, a product needs no description, and a row without a product is a new one.</summary>
    private static readonly HashSet<string> OptionalColumns = ["programme", "productDescription", ProductIdColumn];

    private static readonly HashSet<string> NumericContext = ["employees", "turnoverSek", "yearFounded", "exportSharePercent"];

    public IReadOnlyList<string> Header => [.. ContextColumns, .. schema.Questions.Select(q => q.Id)];

    /// <summary>UTF-8 with BOM, so Excel opens å, ä and ö correctly.</summary>
    public static readonly Encoding FileEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Checks a header line: unknown columns and missing required ones are named, so a wrong file is refused whole.</summary>
    public IReadOnlyList<Message> HeaderProblems(string headerLine)
    {
        var columns = SplitHeader(headerLine);
        var problems = new List<Message>();
        var known = Header.ToHashSet(StringComparer.Ordinal);
        problems.AddRange(columns.Where(c => !known.Contains(c)).Select(Messages.UnknownColumn));
        problems.AddRange(ContextColumns.Where(c => !OptionalColumns.Contains(c) && !columns.Contains(c)).Select(Messages.MissingColumn));
        if (columns.Count != columns.Distinct().Count()) problems.Add(Messages.ColumnTwice);
        return problems;
    }

    /// <summary>Streams the rows of a file; never holds more than one row in memory.</summary>
    public IEnumerable<CsvRowOutcome> Read(TextReader file, string defaultProgramme)
    {
        // Every field read through the guard: one too long is cut (and its row rejected below), never read whole.
        var reader = new CsvFieldGuard(file);
        var headerLine = reader.ReadLine() ?? "";
        var delimiter = Delimiter(headerLine);
        var columns = SplitHeader(headerLine);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        });
        while (csv.Read())
        {
            var line = csv.Parser.RawRow + 1; // + the header line read above
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
                if (csv.TryGetField<string>(i, out var cell) && !string.IsNullOrEmpty(cell)) cells[columns[i]] = cell;
            if (cells.Count == 0) continue;
            if (cells.FirstOrDefault(c => CsvFieldGuard.WasCut(c.Value)).Key is { } tooLong)
            {
                yield return new CsvRowOutcome(line, null, new RowRejection([new RowProblem(tooLong, [Messages.AtMostCharacters(CsvFieldGuard.MaxFieldChars)])]));
                continue;
            }
            if (csv.Parser.Count > columns.Count)
            {
                yield return new CsvRowOutcome(line, null, RowRejection.Of(Messages.RowCells(csv.Parser.Count, columns.Count)));
                continue;
            }
            yield return Validate(line, cells, defaultProgramme, decimalComma: delimiter == ";");
        }
    }

    /// <summary>One row's outcome. Whatever goes wrong with one row rejects that row, with its line, never the file.</summary>
    private CsvRowOutcome Validate(long line, IReadOnlyDictionary<string, string> cells, string defaultProgramme, bool decimalComma)
    {
        try
        {
            var outcome = validator.Validate(ToJson(cells, defaultProgramme, decimalComma));
            return outcome.IsValid
                ? new CsvRowOutcome(line, outcome.Submission, null, cells.GetValueOrDefault(ProductIdColumn))
                : new CsvRowOutcome(line, null, Rejection(outcome));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or JsonException or OverflowException)
        {
            return new CsvRowOutcome(line, null, RowRejection.Of(Messages.RowUnreadable(e.Message)));
        }
    }

    /// <summary>Every field's messages after its column, as the advisor reads the file: <c>employees: Expected a whole number.</c></summary>
    private static RowRejection Rejection(ValidationOutcome outcome) =>
        new([.. outcome.Messages.Select(e => new RowProblem(ColumnOf(e.Key), e.Value))]);

    /// <summary>The row as the JSON body the web form would have sent; unparseable cells stay strings so the validator names them.</summary>
    private JsonElement ToJson(IReadOnlyDictionary<string, string> cells, string defaultProgramme, bool decimalComma)
    {
        JsonNode? Value(string column, bool numeric)
        {
            if (!cells.TryGetValue(column, out var text)) return null;
            if (!numeric) return JsonValue.Create(text);
            var normalized = decimalComma ? text.Replace(',', '.') : text;
            // NaN, Infinity and 1e400 (which parses to Infinity) are no numbers an answer can have: kept as text, the
            // validator names the column like any other unreadable number.
            return double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? JsonValue.Create(number)
                : JsonValue.Create(text);
        }
        var answers = new JsonObject();
        foreach (var question in schema.Questions)
        {
            if (!cells.TryGetValue(question.Id, out var text)) continue;
            answers[question.Id] = question.Type switch
            {
                QuestionType.YesNo => text.ToLowerInvariant() switch
                {
                    "true" or "yes" or "ja" or "1" => JsonValue.Create(true),
                    "false" or "no" or "nej" or "0" => JsonValue.Create(false),
                    _ => JsonValue.Create(text),
                },
                QuestionType.Number => Value(question.Id, numeric: true),
                _ => JsonValue.Create(text),
            };
        }
        var body = new JsonObject
        {
            ["schemaVersion"] = schema.SchemaVersion,
            ["programme"] = cells.GetValueOrDefault("programme") ?? defaultProgramme,
            ["company"] = new JsonObject
            {
                ["name"] = Value("companyName", false),
                ["sector"] = Value("sector", false),
                ["employees"] = Value("employees", true),
                ["turnoverSek"] = Value("turnoverSek", true),
                ["yearFounded"] = Value("yearFounded", true),
                ["region"] = Value("region", false),
                ["exportSharePercent"] = Value("exportSharePercent", true),
            },
            ["product"] = new JsonObject { ["name"] = Value("productName", false), ["description"] = Value("productDescription", false) },
            ["answers"] = answers,
        };
        return JsonDocument.Parse(body.ToJsonString()).RootElement;
    }

    /// <summary>Validation fields back to the column an advisor sees in the file.</summary>
    private static string ColumnOf(string field) => field switch
    {
        "company.name" => "companyName",
        "product.name" => "productName",
        "product.description" => "productDescription",
        _ when field.StartsWith("company.", StringComparison.Ordinal) => field["company.".Length..],
        _ when field.StartsWith("answers.", StringComparison.Ordinal) => field["answers.".Length..],
        _ => field,
    };

    /// <summary>
    /// The product an assessment is of (its first assessment's id) and the assessment it re-assesses, so a spreadsheet
    /// can follow a product over time (group by product, order by submittedAt). <see cref="ProductIdColumn"/> is also a
    /// batch column: a row naming a product (or any assessment of it) is a new assessment of that product, so an export
    /// with updated answers uploads as the cohort's re-assessment; an empty cell makes a new product.
    /// </summary>
    public const string ProductIdColumn = "productId";
    public const string PreviousAssessmentIdColumn = "previousAssessmentId";

    /// <summary>The export's column of each assessment's best-matching support programme ids, best first.</summary>
    public const string TopProgrammesColumn = "topProgrammes";

    /// <summary>
    /// The portfolio export: one row per assessment, its result, dimension scores and best-matching programmes first,
    /// then exactly the batch columns, so an exported file (minus the result columns) can be uploaded again as a batch.
    /// <paramref name="topProgrammes"/> gives an assessment's programme ids (the catalogue in use lives in the host);
    /// they are written space-separated, since an id never holds a space and the cell then needs no quoting.
    /// </summary>
    public async Task WriteExportAsync(TextWriter writer, IAsyncEnumerable<Assessment> assessments, Func<Assessment, IEnumerable<string>>? topProgrammes,
        CancellationToken cancellationToken)
    {
        // Company and product names are the SMEs' own text: one starting with = + - @ must not run as a formula
        // when an advisor opens the file in Excel, so such a cell gets a leading apostrophe.
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }, leaveOpen: true);
        string[] resultColumns = ["id", PreviousAssessmentIdColumn, "status", "submittedAt", "readinessScore", "level", "probability", "modelVersion", "reviewVerdict", "reviewAdvisor", "reviewedAt"];
        foreach (var column in resultColumns.Concat(schema.Dimensions.Select(d => $"dimension_{d.Id}")).Append(TopProgrammesColumn).Concat(Header)) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var a in assessments.WithCancellation(cancellationToken))
        {
            var r = a.Result;
            csv.WriteField(a.Id);
            csv.WriteField(a.PreviousAssessmentId);
            csv.WriteField(a.Status.ToString());
            csv.WriteField(a.SubmittedAt.ToString("u", CultureInfo.InvariantCulture));
            csv.WriteField(r?.ReadinessScore.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r?.Level.ToString());
            csv.WriteField(r?.Probability.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r?.ModelVersion);
            csv.WriteField(a.Review?.Verdict.ToString());
            csv.WriteField(a.Review?.Advisor);
            csv.WriteField(a.Review?.ReviewedAt.ToString("u", CultureInfo.InvariantCulture));
            foreach (var d in schema.Dimensions) csv.WriteField(r?.Dimensions.FirstOrDefault(x => x.Id == d.Id)?.Score.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(topProgrammes is null ? null : string.Join(' ', topProgrammes(a)));
            var c = a.Company;
            csv.WriteField(a.Programme);
            csv.WriteField(c.Name);
            csv.WriteField(c.Sector);
            csv.WriteField(c.Employees.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.TurnoverSek.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.YearFounded.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.Region);
            csv.WriteField(c.ExportSharePercent.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(a.Product.Name);
            csv.WriteField(a.Product.Description);
            csv.WriteField(a.ProductId);
            foreach (var q in schema.Questions) csv.WriteField(a.Answers.TryGetValue(q.Id, out var answer) ? answer.ToString() : null);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>Swedish Excel writes semicolons (and decimal commas); everything else commas.</summary>
    public static string Delimiter(string headerLine) => headerLine.Contains(';') && !headerLine.Contains(',') ? ";" : ",";

    private static List<string> SplitHeader(string headerLine) =>
        headerLine.TrimStart('\uFEFF').Split(Delimiter(headerLine)).Select(c => c.Trim().Trim('"')).Where(c => c.Length > 0).ToList();
}
