using System.Globalization;
using System.Text;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;

namespace ExportReadiness.Testing;

/// <summary>
/// Labelled companies of a simulated truth, and the outcome file an agency would upload for them: the batch CSV with an
/// <c>outcome</c> column, one row per company.
/// </summary>
public static class OutcomeFileBuilder
{
    /// <summary>
    /// A truth that differs from the prior where the prior's evidence is weak or its numbers are judgments: trade fairs,
    /// website, e-commerce and quality certification count (almost) nothing, export history half the prior's judgment,
    /// management commitment and working capital more; sectors, size and the base rate differ too.
    /// </summary>
    public static readonly OutcomeWeights DifferentFromPrior = EvidenceWeights.Prior
        .WithQuestions(new Dictionary<string, double>
        {
            ["digi_trade_fairs"] = 0, ["digi_website_languages"] = 0.1, ["chan_ecommerce"] = 0, ["cert_quality_system"] = 0.1,
            ["exp_export_history"] = 0.8, ["mgmt_export_strategy"] = 1.2, ["fin_working_capital_months"] = 0.8,
        })
        .WithSectors(new Dictionary<string, double>
        {
            ["tourism"] = 1.0, ["other"] = 0.6, ["digital"] = 0.6, ["manufacturing"] = -0.6, ["process"] = -0.6, ["mining"] = -0.4, ["forestry"] = -0.4, ["food"] = 0.3,
        }) with { LogEmployees = -0.1, Intercept = -3.0 };

    /// <summary>Labelled companies of <paramref name="truth"/>, each with a key of its own.</summary>
    public static List<LabelledAssessment> Rows(OutcomeWeights truth, int count, int seed) =>
        [.. new SyntheticTrainingSet(QuestionnaireSchema.V1, seed, truth).Generate(count).Select((r, i) => r with { Key = $"truth-{seed}-{i}" })];

    /// <summary>The batch-upload CSV of these companies plus their outcome (1/0).</summary>
    public static string BatchCsv(IEnumerable<LabelledAssessment> rows, string programme = "")
    {
        var header = new AssessmentCsv(QuestionnaireSchema.V1, new Core.Assessments.SubmissionValidator(QuestionnaireSchema.V1)).Header;
        var csv = new StringBuilder(string.Join(',', header)).Append(",outcome\r\n");
        foreach (var row in rows)
        {
            var c = row.Company;
            var cells = new Dictionary<string, string>
            {
                ["programme"] = programme, ["companyName"] = c.Name, ["sector"] = c.Sector, ["employees"] = Invariant(c.Employees),
                ["turnoverSek"] = Invariant(c.TurnoverSek), ["yearFounded"] = Invariant(c.YearFounded), ["region"] = c.Region,
                ["exportSharePercent"] = Invariant(c.ExportSharePercent), ["productName"] = $"Product of {c.Name}",
            };
            foreach (var (id, answer) in row.Answers) cells[id] = answer.ToString();
            csv.Append(string.Join(',', header.Select(h => cells.GetValueOrDefault(h, "")))).Append(',').Append(row.ExportReady ? "1" : "0").Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
