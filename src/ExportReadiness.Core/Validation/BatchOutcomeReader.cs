using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Localization;

namespace ExportReadiness.Core.Validation;

/// <summary>
/// Reads the advisor batch-upload CSV with one more column, <c>outcome</c>. The questionnaire columns go through
/// <see cref="AssessmentCsv"/>, so a row is judged exactly as a batch upload would judge it; rows it rejects, and rows
/// without a readable outcome, are listed with their line and reason.
/// </summary>
internal sealed class BatchOutcomeReader(AssessmentCsv csv, IMessageTexts texts)
{
    public const string OutcomeColumn = "outcome";

    public OutcomeFile Read(string text)
    {
        var headerLine = OutcomeValidator.FirstLine(text);
        var delimiter = AssessmentCsv.Delimiter(headerLine);
        var columns = SplitHeader(headerLine, delimiter);
        var outcomeIndex = columns.FindIndex(c => string.Equals(c, OutcomeColumn, StringComparison.OrdinalIgnoreCase));
        if (outcomeIndex < 0)
            throw new OutcomeFileException($"The file has no '{OutcomeColumn}' column: add one with 1/0, true/false, or ExportReady/NotYet per row.");
        var problems = csv.HeaderProblems(string.Join(delimiter, columns.Where((_, i) => i != outcomeIndex)));
        if (problems.Count > 0) throw new OutcomeFileException(problems.Select(texts.Text).ToList());

        var outcomes = OutcomeCells(text, delimiter, outcomeIndex);
        var rows = new List<LabelledCompany>();
        var rejected = new List<RejectedRow>();
        foreach (var row in csv.Read(new StringReader(text), Submission.DefaultProgramme))
        {
            if (row.Submission is not { } submission)
            {
                rejected.Add(new RejectedRow(row.Line, row.Rejection?.In(texts) ?? "The row is not a valid questionnaire."));
                continue;
            }
            if (ParseOutcome(outcomes.GetValueOrDefault(row.Line)) is not { } outcome)
            {
                rejected.Add(new RejectedRow(row.Line, $"{OutcomeColumn}: '{outcomes.GetValueOrDefault(row.Line)}' is not an outcome; use 1/0, true/false, or ExportReady/NotYet."));
                continue;
            }
            rows.Add(new LabelledCompany(row.Line, submission.Company, submission.Answers, outcome));
        }
        return new OutcomeFile("batch", rows, rejected, []);
    }

    /// <summary>1/0, true/false, yes/no (ja/nej), or an advisor's verdict (ExportReady/NotYet). Anything else is no outcome.</summary>
    public static bool? ParseOutcome(string? cell) => cell?.Trim().ToLowerInvariant() switch
    {
        "1" or "1.0" or "true" or "yes" or "ja" or "exportready" or "export_ready" or "export-ready" => true,
        "0" or "0.0" or "false" or "no" or "nej" or "notyet" or "not_yet" or "not-yet" => false,
        _ => null,
    };

    /// <summary>The outcome cell per line, numbered as <see cref="AssessmentCsv.Read"/> numbers them (the header is line 1).</summary>
    private static Dictionary<long, string> OutcomeCells(string text, string delimiter, int outcomeIndex)
    {
        using var reader = new StringReader(text);
        reader.ReadLine();
        using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        });
        var cells = new Dictionary<long, string>();
        while (parser.Read())
            if (parser.TryGetField<string>(outcomeIndex, out var cell) && !string.IsNullOrEmpty(cell)) cells[parser.Parser.RawRow + 1] = cell;
        return cells;
    }

    /// <summary>Split as <see cref="AssessmentCsv"/> splits its header, so column positions agree.</summary>
    private static List<string> SplitHeader(string headerLine, string delimiter) =>
        headerLine.TrimStart('\uFEFF').Split(delimiter).Select(c => c.Trim().Trim('"')).Where(c => c.Length > 0).ToList();
}
