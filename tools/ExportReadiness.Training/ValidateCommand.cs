using System.Globalization;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Core.Validation;

/// <summary>
/// <c>validate --data outcomes.csv [--format auto|batch|wbes] [--model model.zip] [--mapping wbes-mapping.json]
/// [--resamples 1000] [--seed 2013] [--json report.json]</c>: the model and the rubric side by side on a labelled file.
/// Without --model the bundled model is trained in-process first, as the service does on its first start.
/// </summary>
internal static class ValidateCommand
{
    public const string Usage =
        "validate --data FILE [--format auto|batch|wbes] [--model model.zip] [--mapping mapping.json] [--resamples N] [--seed S] [--json OUT]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        if (Option("--data") is not { } data)
        {
            await Console.Error.WriteLineAsync("usage: " + Usage);
            return 2;
        }
        if (!Enum.TryParse<OutcomeFormat>(Option("--format") ?? "auto", ignoreCase: true, out var format))
        {
            await Console.Error.WriteLineAsync($"--format must be auto, batch or wbes, not '{Option("--format")}'.");
            return 2;
        }

        var schema = QuestionnaireSchema.V1;
        var encoder = new FeatureEncoder(schema);
        var model = await LoadModelAsync(Option("--model"), schema, encoder);
        WbesMapping? mapping = null;
        if (Option("--mapping") is { } mappingPath)
        {
            await using var mappingFile = File.OpenRead(mappingPath);
            mapping = WbesMapping.Load(mappingFile, schema);
        }

        var validator = new OutcomeValidator(schema, new AssessmentScorer(encoder), new AssessmentCsv(schema, new SubmissionValidator(schema)), TimeProvider.System);
        var options = new ComparisonOptions { Resamples = Number("--resamples", 1000), Seed = Number("--seed", new ComparisonOptions().Seed) };
        var started = DateTime.UtcNow;
        ValidationReport report;
        try
        {
            using var reader = new StreamReader(data, AssessmentCsv.FileEncoding, detectEncodingFromByteOrderMarks: true);
            report = await validator.ValidateAsync(reader, new EnglishMessages(), model, format, options, mapping);
        }
        catch (OutcomeFileException e)
        {
            foreach (var problem in e.Problems) await Console.Error.WriteLineAsync(problem);
            return 1;
        }

        Console.WriteLine(ValidationReportText.ToMarkdown(report));
        if (Option("--json") is { } jsonPath)
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions(QuestionnaireSchema.JsonOptions) { WriteIndented = true }));
        await Console.Error.WriteLineAsync($"Validated in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return 0;
    }

    private static async Task<ReadinessModel> LoadModelAsync(string? path, QuestionnaireSchema schema, FeatureEncoder encoder)
    {
        if (path is not null)
        {
            await using var file = File.OpenRead(path);
            // models/{version}/model.zip in the store; otherwise the file's own name.
            var version = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } folder && Path.GetFileName(path) == "model.zip"
                ? folder : Path.GetFileNameWithoutExtension(path);
            return ReadinessModel.Load(file, encoder.FeatureCount, version);
        }
        await Console.Error.WriteLineAsync("No --model given: training the bundled model first...");
        return new ModelTrainer(encoder).Train(BundledTrainingSet.Load(schema), DateTimeOffset.UtcNow).Model;
    }
}
