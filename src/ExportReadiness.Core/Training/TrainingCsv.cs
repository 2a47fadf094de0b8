using System.Globalization;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;

namespace ExportReadiness.Core.Training;

/// <summary>
/// The bundled training set's file format: company context, the outcome, then one column per question
/// in schema order; an empty cell is a question not asked or not answered. Values are ids and numbers,
/// never free text, so no quoting is needed.
/// </summary>
public static class TrainingCsv
{
    private static readonly string[] ContextColumns = ["sector", "employees", "turnoverSek", "yearFounded", "region", "exportSharePercent", "exportReady"];

    public static void Write(TextWriter writer, QuestionnaireSchema schema, IEnumerable<LabelledAssessment> rows)
    {
        writer.WriteLine(string.Join(',', ContextColumns.Concat(schema.Questions.Select(q => q.Id))));
        foreach (var row in rows)
        {
            var c = row.Company;
            var cells = new List<string>
            {
                c.Sector, Invariant(c.Employees), Invariant(c.TurnoverSek), Invariant(c.YearFounded), c.Region,
                Invariant(c.ExportSharePercent), row.ExportReady ? "true" : "false",
            };
            cells.AddRange(schema.Questions.Select(q => row.Answers.TryGetValue(q.Id, out var a) ? a.ToString() : ""));
            writer.WriteLine(string.Join(',', cells));
        }
    }

    public static List<LabelledAssessment> Read(TextReader reader, QuestionnaireSchema schema)
    {
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException("The training file is empty.");
        var expected = ContextColumns.Concat(schema.Questions.Select(q => q.Id)).ToArray();
        if (!header.SequenceEqual(expected))
            throw new InvalidDataException($"The training file's columns do not match questionnaire v{schema.SchemaVersion}.");

        var rows = new List<LabelledAssessment>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != expected.Length) throw new InvalidDataException($"Line {lineNumber}: expected {expected.Length} cells.");
            try
            {
                var company = new CompanyProfile($"Training row {lineNumber}", cells[0], int.Parse(cells[1], CultureInfo.InvariantCulture),
                    double.Parse(cells[2], CultureInfo.InvariantCulture), int.Parse(cells[3], CultureInfo.InvariantCulture), cells[4],
                    double.Parse(cells[5], CultureInfo.InvariantCulture));
                var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
                for (var q = 0; q < schema.Questions.Count; q++)
                {
                    var cell = cells[ContextColumns.Length + q];
                    if (cell.Length > 0) answers[schema.Questions[q].Id] = ParseAnswer(schema.Questions[q], cell);
                }
                rows.Add(new LabelledAssessment(company, answers, bool.Parse(cells[6])));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"Line {lineNumber}: {e.Message}", e);
            }
        }
        return rows;
    }

    private static Answer ParseAnswer(Question question, string cell) => question.Type switch
    {
        QuestionType.Choice when question.Options!.Any(o => o.Value == cell) => Answer.Of(cell),
        QuestionType.YesNo => Answer.Of(bool.Parse(cell)),
        QuestionType.Number => Answer.Of(double.Parse(cell, CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"'{cell}' is not an option of {question.Id}."),
    };

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
