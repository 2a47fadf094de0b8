using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;

// Load driver: N synthetic questionnaires through the batch path (upload → ingest → queue → score → Table
// Storage) against Azurite, then pure in-process scoring, each beside the naive path measured in the same run.
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- [assessments=10000] [inProcessRows=100000]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- latency [warm=40] [idle=8]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- load [seconds=20] [rates=50,100,200] [Setting=value ...]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- reports [products=2000] [runs=5]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- exports [products=20000] [runs=3]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- pages [products=20] [runs=200]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- validation [rows=5000] [runs=5]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- learning [sizes=50,100,200,500,2000] [seeds=1] [randomSeeds=5]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- rescore [assessments=20000] [hosts=1]
//   dotnet run -c Release --project bench/ExportReadiness.Bench -- fuzz [requests=2000]
internal static class LoadDriver
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["learning", ..])
            return LearningCurve.Run(
                args.Length > 1 ? args[1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList() : [50, 100, 200, 500, 2000],
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1,
                args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
        if (args is ["load", ..])
            return await OpenLoopLoad.RunAsync(
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20,
                args.Length > 2 ? args[2].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList() : [50, 100, 200],
                args.Skip(3).Select(a => a.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]));
        if (args is ["reports", ..])
            return await ReportLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
        if (args is ["exports", ..])
            return await ExportLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
        if (args is ["pages", ..])
            return await PageLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200);
        if (args is ["validation", ..])
            return ValidationSpeed.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
        if (args is ["rescore", ..])
            return await RescoreSpeed.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
        if (args is ["fuzz", ..])
            return await Fuzz.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
        if (args is ["latency", ..])
            return await SubmitLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8);

        var assessments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var inProcessRows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        const int NaiveSample = 2_000;
        const string AdvisorKey = BenchApplication.AdvisorKey;
        var schema = QuestionnaireSchema.V1;

        await using var azurite = new Azurite();
        await azurite.StartAsync();
        await using var app = new BenchApplication(azurite.ConnectionString, AdvisorKey, bulkQueueSettings: true);
        var model = await app.StartAndWaitForModelAsync();
        var client = app.CreateAdvisorClient();
        Console.WriteLine($"Model {model.Version}; {Environment.ProcessorCount} cores; {assessments:N0} assessments");

        // ---- 1. Batch path, end to end: the first batch after the app started (its code still being compiled and
        //      tiered up while it runs), then a second batch of other rows on the same, now warm, instance ----
        var rows = new SyntheticTrainingSet(schema, seed: 99).Generate(assessments).ToList();
        var csv = BatchPath.Csv(schema, rows);
        var store = app.Services.GetRequiredService<ExportReadiness.Core.Assessments.IAssessmentStore>();
        var (batchId, uploaded, ingested, pipelineTime) = await BatchPath.RunAsync(app, client, csv, assessments);
        Console.WriteLine($"First batch scored in {pipelineTime.TotalSeconds:F2} s; the second follows.");
        var (_, warmUploaded, warmIngested, warmPipelineTime) = await BatchPath.RunAsync(app, client, BatchPath.Csv(schema, new SyntheticTrainingSet(schema, seed: 98).Generate(assessments).ToList()), assessments);
        Console.WriteLine(await BatchPath.StatusReadsAsync(app, client, batchId));
        if (Environment.GetEnvironmentVariable("BENCH_BATCH_ONLY") == "1")
        {
            Console.WriteLine($"batch first {ingested.TotalSeconds:F2} / {pipelineTime.TotalSeconds:F2} s, warm {warmIngested.TotalSeconds:F2} / {warmPipelineTime.TotalSeconds:F2} s");
            return 0;
        }

        // ---- 1a. Where the time goes: each storage operation of the path, alone, at the same concurrency ----
        var breakdown = new List<(string Step, int Count, TimeSpan Time)>();
        var validator = new ExportReadiness.Core.Assessments.SubmissionValidator(schema);
        var sw = Stopwatch.StartNew();
        var parsed = new AssessmentCsv(schema, validator).Read(new StringReader(csv), "bench").Count(r => r.Submission is not null);
        breakdown.Add(($"parse + validate CSV rows ({parsed:N0} valid)", assessments, sw.Elapsed));
        var scratch = app.Services.GetRequiredService<StorageClients>().Queue("bench-scratch");
        await scratch.CreateIfNotExistsAsync();
        sw.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, NaiveSample), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) => await scratch.SendMessageAsync($"{{\"assessmentId\":\"{i}\"}}", ct));
        breakdown.Add(("enqueue one message each (32 in flight)", NaiveSample, sw.Elapsed));
        sw.Restart();
        var received = 0;
        while (received < NaiveSample)
        {
            var batch = (await scratch.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0) break;
            received += batch.Length;
            await Task.WhenAll(batch.Select(m => scratch.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
        }
        breakdown.Add(("receive in 32s + delete each", received, sw.Elapsed));
        var ids = new List<string>();
        await foreach (var a in store.ScanAsync(new(BatchId: batchId), CancellationToken.None)) ids.Add(a.Id);
        sw.Restart();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (id, ct) => await store.FindManyAsync([new(id, Programme: "bench")], ct));
        breakdown.Add(("point read of each assessment row (32 in flight)", ids.Count, sw.Elapsed));

        // ---- 1b. Naive path: per assessment a single-entity insert and its own message; per message a new
        //      PredictionEngine, a read and a single-entity update. Measured on NaiveSample assessments.
        var encoder = app.Services.GetRequiredService<FeatureEncoder>();
        var naiveTable = new TableClient(azurite.ConnectionString, "BenchNaive");
        await naiveTable.CreateIfNotExistsAsync();
        var naiveQueue = app.Services.GetRequiredService<StorageClients>().Queue("bench-naive");
        await naiveQueue.CreateIfNotExistsAsync();
        var ml = new MLContext(1);
        var transformer = LoadTransformer(app.Services, model.Version, ml);
        var naive = Stopwatch.StartNew();
        for (var i = 0; i < NaiveSample; i++)
        {
            var c = rows[i].Company;
            await naiveTable.AddEntityAsync(new TableEntity("bench", $"{i:D8}") { ["Sector"] = c.Sector, ["Employees"] = c.Employees, ["Status"] = "Pending" });
            await naiveQueue.SendMessageAsync($"{{\"assessmentId\":\"{i:D8}\"}}");
        }
        while ((await naiveQueue.ReceiveMessagesAsync(1)).Value is [var message])
        {
            var i = int.Parse(JsonDocument.Parse(message.Body.ToString()).RootElement.GetProperty("assessmentId").GetString()!, CultureInfo.InvariantCulture);
            var entity = (await naiveTable.GetEntityAsync<TableEntity>("bench", $"{i:D8}")).Value;
            var engine = ml.Model.CreatePredictionEngine<ReadinessExample, ReadinessPrediction>(transformer, ignoreMissingColumns: true,
                inputSchemaDefinition: ModelSchema(encoder.FeatureCount));
            var p = engine.Predict(new ReadinessExample { Features = encoder.Encode(rows[i].Company, rows[i].Answers) }).Probability;
            entity["Probability"] = (double)p;
            entity["Status"] = "Scored";
            await naiveTable.UpdateEntityAsync(entity, entity.ETag);
            await naiveQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        var naivePerAssessment = naive.Elapsed / NaiveSample;

        // ---- 2. Pure in-process scoring ----
        var inProcess = new SyntheticTrainingSet(schema, seed: 7).Generate(inProcessRows).ToList();
        var features = inProcess.Select(r => encoder.Encode(r.Company, r.Answers)).ToList();
        model.PredictProbabilities(features.Take(1000).ToList()); // warm-up
        var onePass = Stopwatch.StartNew();
        model.PredictProbabilities(features);
        var onePassTime = onePass.Elapsed;
        var encodeTime = Stopwatch.StartNew();
        _ = inProcess.Select(r => encoder.Encode(r.Company, r.Answers)).ToList();
        var encodeElapsed = encodeTime.Elapsed;
        var pooled = Stopwatch.StartNew();
        foreach (var f in features) model.PredictProbability(f);
        var pooledTime = pooled.Elapsed;
        var scorer = app.Services.GetRequiredService<AssessmentScorer>();
        var withGapsRows = Math.Min(10_000, inProcessRows);
        var withGaps = Stopwatch.StartNew();
        scorer.ScoreMany(model, inProcess.Take(withGapsRows).Select(r => (r.Company, r.Answers)).ToList(), DateTimeOffset.UtcNow);
        var withGapsTime = withGaps.Elapsed;
        var naiveEngines = Stopwatch.StartNew();
        for (var i = 0; i < NaiveSample; i++)
            ml.Model.CreatePredictionEngine<ReadinessExample, ReadinessPrediction>(transformer, ignoreMissingColumns: true, inputSchemaDefinition: ModelSchema(encoder.FeatureCount))
                .Predict(new ReadinessExample { Features = features[i] });
        var naiveEnginePerRow = naiveEngines.Elapsed / NaiveSample;

        // ---- Report ----
        string S(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
        string R(double x) => x.ToString("F0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"| batch path, {assessments:N0} assessments | time | throughput |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| first batch after start: upload (spool, hash, blob) | {S(uploaded)} | |");
        Console.WriteLine($"| + ingest (validate, table transactions, enqueue) | {S(ingested)} | {R(assessments / ingested.TotalSeconds)} rows/s |");
        Console.WriteLine($"| + scored and stored (all rows Scored) | **{S(pipelineTime)}** | {R(assessments / pipelineTime.TotalSeconds)} assessments/s |");
        Console.WriteLine($"| second batch, warm instance: upload | {S(warmUploaded)} | |");
        Console.WriteLine($"| + ingest | {S(warmIngested)} | {R(assessments / warmIngested.TotalSeconds)} rows/s |");
        Console.WriteLine($"| + scored and stored | **{S(warmPipelineTime)}** | {R(assessments / warmPipelineTime.TotalSeconds)} assessments/s |");
        Console.WriteLine($"| naive path, {NaiveSample:N0} assessments measured: message, engine, single insert + update each | {S(naivePerAssessment * NaiveSample)} ({S(naivePerAssessment * assessments)} for {assessments:N0}, linear) | {R(1 / naivePerAssessment.TotalSeconds)} assessments/s |");
        foreach (var (step, count, time) in breakdown)
            Console.WriteLine($"| where the time goes: {step} | {S(time)} | {R(count / time.TotalSeconds)}/s |");
        Console.WriteLine($"| ratio batch/naive throughput | {(assessments / pipelineTime.TotalSeconds) / (1 / naivePerAssessment.TotalSeconds):F1}× | (naive computes no gaps and writes no index; Azurite's queue slows as it fills, so linear extrapolation flatters it) |");
        Console.WriteLine();
        Console.WriteLine($"| in-process scoring | rows | time | rows/s |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| feature encoding | {inProcessRows:N0} | {S(encodeElapsed)} | {R(inProcessRows / encodeElapsed.TotalSeconds)} |");
        Console.WriteLine($"| one model pass (probabilities) | {inProcessRows:N0} | **{S(onePassTime)}** | {R(inProcessRows / onePassTime.TotalSeconds)} |");
        Console.WriteLine($"| pooled engine, one call per row | {inProcessRows:N0} | {S(pooledTime)} | {R(inProcessRows / pooledTime.TotalSeconds)} |");
        Console.WriteLine($"| full results with top-3 gaps (ScoreMany) | {withGapsRows:N0} | {S(withGapsTime)} | {R(withGapsRows / withGapsTime.TotalSeconds)} |");
        Console.WriteLine($"| naive: new PredictionEngine per row ({NaiveSample:N0} measured) | {inProcessRows:N0} | {S(naiveEnginePerRow * inProcessRows)} extrapolated | {R(1 / naiveEnginePerRow.TotalSeconds)} |");
        Console.WriteLine($"| ratio naive/one pass | | {(naiveEnginePerRow * inProcessRows / onePassTime):F0}× | |");
        return 0;

        static Microsoft.ML.Data.SchemaDefinition ModelSchema(int featureCount)
        {
            var definition = Microsoft.ML.Data.SchemaDefinition.Create(typeof(ReadinessExample));
            definition[nameof(ReadinessExample.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, featureCount);
            return definition;
        }

        static ITransformer LoadTransformer(IServiceProvider services, string version, MLContext ml)
        {
            var blob = services.GetRequiredService<StorageClients>().Container(StorageNames.ModelsContainer).GetBlobClient($"{version}/model.zip");
            using var stream = blob.DownloadContent().Value.Content.ToStream();
            return ml.Model.Load(stream, out _);
        }
    }
}

/// <summary>The real app on Kestrel, standalone, against the benchmark's Azurite.</summary>
internal sealed class BenchApplication : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string _advisorKey;
    private readonly bool _bulkQueueSettings;
    private readonly Action<IServiceCollection>? _services;

    public const string AdvisorKey = "bench-advisor-key-0123456789";

    /// <param name="services">Changes to the app's services after its own composition (a recording store, say).</param>
    public BenchApplication(string connectionString, string advisorKey, bool bulkQueueSettings, Action<IServiceCollection>? services = null)
    {
        _connectionString = connectionString;
        _advisorKey = advisorKey;
        _bulkQueueSettings = bulkQueueSettings;
        _services = services;
        // WebApplicationFactory finds the app's content root through this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_EXPORTREADINESS_LOCALHOST", Path.Combine(Azurite.RepositoryRoot(), "src", "ExportReadiness.LocalHost"));
        UseKestrel(0);
    }

    /// <summary>Starts the app on Kestrel and waits until it scores with a model (the first start trains and publishes one).</summary>
    public async Task<ExportReadiness.Core.Scoring.ReadinessModel> StartAndWaitForModelAsync()
    {
        StartServer();
        return await Services.GetRequiredService<CurrentModel>().WaitUntilAvailableAsync(CancellationToken.None);
    }

    /// <summary>A client signed in with the advisor key the app was given.</summary>
    public HttpClient CreateAdvisorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", _advisorKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting(StorageNames.ConnectionSetting, _connectionString);
        builder.UseSetting("ExportReadiness:AdvisorApiKeys", _advisorKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The bench's one client address stands for many SMEs: the per-client limit on anonymous writes is not measured here.
        builder.UseSetting("ExportReadiness:AnonymousWrites:PermitLimit", "1000000");
        if (_services is not null) builder.ConfigureTestServices(_services);
        if (!_bulkQueueSettings) return;
        builder.UseSetting("ExportReadiness:Queue:MaxPollingInterval", "00:00:00.250");
        // The largest batch a queue trigger takes (32), two batches in flight: what host.json would be tuned to for a bulk load.
        builder.UseSetting("ExportReadiness:Queue:BatchSize", "32");
        builder.UseSetting("ExportReadiness:Queue:NewBatchThreshold", "32");
    }
}
