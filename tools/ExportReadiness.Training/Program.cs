using System.Text.Json;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;

// Regenerates the bundled synthetic training set, or trains on it and prints the held-out metrics.
//   dotnet run --project tools/ExportReadiness.Training -- generate [--rows 6000] [--seed 2013] [--out path]
//   dotnet run --project tools/ExportReadiness.Training -- evaluate
//   dotnet run --project tools/ExportReadiness.Training -- validate --data outcomes.csv [--format batch|wbes] [--model model.zip]
//   dotnet run --project tools/ExportReadiness.Training -- weights    (learned log-odds per question beside the generator's)
var command = args.FirstOrDefault() ?? "help";
string Option(string name, string fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

var schema = QuestionnaireSchema.V1;
switch (command)
{
    case "generate":
        var rows = int.Parse(Option("--rows", "6000"), System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.Parse(Option("--seed", "2013"), System.Globalization.CultureInfo.InvariantCulture);
        var path = Option("--out", "src/ExportReadiness.Core/Training/synthetic-v1.csv");
        var generated = new SyntheticTrainingSet(schema, seed).Generate(rows).ToList();
        using (var writer = new StreamWriter(path) { NewLine = "\n" })
            TrainingCsv.Write(writer, schema, generated);
        Console.WriteLine($"Wrote {generated.Count} rows ({generated.Count(r => r.ExportReady)} export-ready) to {path}");
        return 0;
    case "evaluate":
        var started = DateTime.UtcNow;
        var trained = new ModelTrainer(new FeatureEncoder(schema)).Train(BundledTrainingSet.Load(schema), DateTimeOffset.UtcNow);
        Console.WriteLine(JsonSerializer.Serialize(trained.Metrics, new JsonSerializerOptions(QuestionnaireSchema.JsonOptions) { WriteIndented = true }));
        Console.WriteLine($"Training took {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        // The same held-out rows with 1,000-resample bootstrap intervals; the rubric as a probability is Platt-scaled on the training rows.
        var heldOut = trained.HeldOut;
        var comparison = ExportReadiness.Core.Validation.OutcomeComparison.Compare("held-out",
            heldOut.Select(h => new ExportReadiness.Core.Validation.OutcomeRow(h.Model, h.RubricScore, h.Label, h.Sector)).ToList(),
            heldOut.Select(h => h.Rubric).ToArray(), new ExportReadiness.Core.Validation.ComparisonOptions());
        Console.WriteLine($"Held out: {comparison.Rows} rows, {comparison.Positives} export-ready");
        Console.WriteLine(ExportReadiness.Core.Validation.ValidationReportText.Table(comparison));
        return 0;
    case "validate":
        return await ValidateCommand.RunAsync(args);
    case "weights":
        var encoder = new FeatureEncoder(schema);
        var model = new ModelTrainer(encoder).Train(BundledTrainingSet.Load(schema), DateTimeOffset.UtcNow).Model;
        Console.WriteLine($"{"question",-28} {"learned",8} {"generator",10}");
        for (var q = 0; q < schema.Questions.Count; q++)
        {
            var learned = model.Weights.Take(encoder.QuestionFeatures(q)).Sum();
            Console.WriteLine($"{schema.Questions[q].Id,-28} {learned,8:F2} {EvidenceWeights.Questions[schema.Questions[q].Id],10:F2}");
        }
        return 0;
    default:
        Console.WriteLine("usage: generate [--rows N] [--seed S] [--out PATH] | evaluate | weights | " + ValidateCommand.Usage);
        return command == "help" ? 0 : 2;
}
