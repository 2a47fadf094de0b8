using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Validation;

/// <summary>
/// Reads a CSV export of a World Bank Enterprise Surveys country file (columns named by the survey's variables,
/// values as numeric codes) through a <see cref="WbesMapping"/>. A firm whose label variable is missing is rejected;
/// every other gap becomes an unanswered question, which both the rubric and the model see as unanswered.
/// </summary>
internal sealed class WbesOutcomeReader(QuestionnaireSchema schema, WbesMapping mapping, TimeProvider time)
{
    public OutcomeFile Read(string text)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = AssessmentCsv.Delimiter(OutcomeValidator.FirstLine(text)),
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            PrepareHeaderForMatch = args => args.Header.Trim().TrimStart('\uFEFF').ToLowerInvariant(),
        });
        if (!csv.Read() || !csv.ReadHeader()) throw new OutcomeFileException("The file is empty.");
        var header = csv.HeaderRecord!.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = new[] { mapping.Label.Variable, mapping.Company.Sector.Variable }.Where(v => !header.Contains(v)).ToList();
        if (missing.Count > 0)
            throw new OutcomeFileException(missing.Select(v => $"Missing column '{v}': export the country file with the survey's variable names.").ToList());
        var column = header.Select((name, index) => (name, index)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().index);
        double? Value(string variable) =>
            column.TryGetValue(variable, out var i) && csv.TryGetField<string>(i, out var cell)
            && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

        var parsed = new List<(long Line, string Sector, double? Employees, double? Year, Dictionary<string, Answer> Answers, bool Outcome)>();
        var rejected = new List<RejectedRow>();
        var questions = mapping.Questions.Where(q => q.Question is not null).Select(q => (Map: q, Question: schema.QuestionsById[q.Question!])).ToList();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (Value(mapping.Label.Variable) is not (>= 0 and var exportShare))
            {
                rejected.Add(new RejectedRow(line, $"{mapping.Label.Variable} (direct exports, % of sales) is missing or a don't-know code: the firm has no label."));
                continue;
            }
            var sector = mapping.Company.Sector.SectorOf(Value(mapping.Company.Sector.Variable));
            var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
            foreach (var (map, question) in questions)
                if (question.AppliesToSector(sector) && map.AnswerFor(question, Value(map.Variable)) is { } answer) answers[question.Id] = answer;
            parsed.Add((line, sector, Positive(Value(mapping.Company.Employees.Variable)), Positive(Value(mapping.Company.YearFounded.Variable)),
                answers, exportShare >= mapping.Label.ThresholdPercent));
        }

        var thisYear = time.GetUtcNow().Year;
        var employees = Median(parsed.Select(p => p.Employees).OfType<double>(), fallback: 20);
        var year = Median(parsed.Select(p => p.Year).Where(y => y is >= 1600 && y <= thisYear).OfType<double>(), fallback: thisYear - 15);
        var rows = parsed.Select(p =>
        {
            var staff = (int)Math.Round(Math.Min(p.Employees ?? employees, 100_000));
            var company = new CompanyProfile($"WBES line {p.Line}", p.Sector, staff, staff * mapping.Company.TurnoverSekPerEmployee,
                (int)(p.Year is >= 1600 && p.Year <= thisYear ? p.Year.Value : year), mapping.Company.Region, ExportSharePercent: 0);
            return new LabelledCompany(p.Line, company, p.Answers, p.Outcome);
        }).ToList();
        return new OutcomeFile("wbes", rows, rejected, Notes(parsed.Count(p => p.Employees is null), employees, parsed.Count(p => p.Year is null), year));
    }

    private List<string> Notes(int employeesImputed, double employees, int yearsImputed, double year)
    {
        var mapped = mapping.Questions.Where(q => q.Question is not null).Select(q => q.Question!).ToHashSet();
        var notes = new List<string>
        {
            $"Label: {mapping.Label.Variable} (direct exports) ≥ {mapping.Label.ThresholdPercent:0.##} % of sales. " +
            $"Never used as inputs: {string.Join(", ", WbesMapping.AlwaysForbidden.Union(mapping.Forbidden.Select(f => f.Variable)))}.",
            $"Answered from the survey: {string.Join(", ", mapping.Questions.Where(q => q.Question is not null).Select(q => $"{q.Question} ← {q.Variable} ({q.Strength})"))}. " +
            $"Left unanswered for every firm: {schema.Questions.Count(q => !mapped.Contains(q.Id))} of {schema.Questions.Count} questions.",
            "Company: current export share is set to 0 for every firm (the survey's export shares are the label); " +
            $"turnover = employees × {mapping.Company.TurnoverSekPerEmployee:0} SEK, so it adds nothing beyond {mapping.Company.Employees.Variable}.",
        };
        if (employeesImputed > 0) notes.Add($"{mapping.Company.Employees.Variable} missing for {employeesImputed} firms: set to the file's median, {employees:0}.");
        if (yearsImputed > 0) notes.Add($"{mapping.Company.YearFounded.Variable} missing for {yearsImputed} firms: set to the file's median, {year:0}.");
        return notes;
    }

    private static double? Positive(double? value) => value is >= 0 ? value : null;

    private static double Median(IEnumerable<double> values, double fallback)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? fallback : OutcomeComparison.Percentile(sorted, 0.5);
    }
}
