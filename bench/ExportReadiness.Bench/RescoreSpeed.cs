using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The nightly run's re-scoring with one or more local hosts on one Azurite: N assessments scored through the batch path,
/// a new model published, then a run started as an advisor starts it; the run record's parts and rate, the phases' times
/// and the rows each host re-scored, once it completes. The hosts share this process's cores, as instances on one machine would.
/// </summary>
internal static class RescoreSpeed
{
    private const string Programme = "bench-rescore";

    public static async Task<int> RunAsync(int assessments, int hosts)
    {
        await using var azurite = new Azurite();
        await azurite.StartAsync();
        var rescored = new long[hosts];
        var counting = false;
        var apps = Enumerable.Range(0, hosts).Select(h => new BenchApplication(azurite.ConnectionString, BenchApplication.AdvisorKey, bulkQueueSettings: true,
            services => services.AddSingleton<IAssessmentStore>(sp => new CountingStore(ActivatorUtilities.CreateInstance<TableAssessmentStore>(sp), () => counting, rescored, h)))).ToList();
        await using var disposing = new AppsDisposal(apps);
        var app = apps[0];
        var model = await app.StartAndWaitForModelAsync();
        foreach (var other in apps.Skip(1)) await other.StartAndWaitForModelAsync();
        var client = app.CreateAdvisorClient();
        Console.WriteLine($"Model {model.Version}; {Environment.ProcessorCount} cores; {assessments:N0} assessments in one programme; {hosts} local host(s)");

        var seeding = Stopwatch.StartNew();
        var csv = new BatchFileBuilder().AddMany(assessments, i =>
            (i % 3 == 0 ? AssessmentBuilder.Strong() : i % 3 == 1 ? AssessmentBuilder.Mixed() : AssessmentBuilder.Weak()).InProgramme(Programme).Named($"Bench {i} AB")).ToCsv();
        (await client.PostAsync($"/api/batches?programme={Programme}", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var store = app.Services.GetRequiredService<IAssessmentStore>();
        while (await store.CountAsync(new AssessmentQuery(Programme: Programme, Status: AssessmentStatus.Scored), CancellationToken.None) < assessments)
        {
            if (seeding.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException("Not all scored after 20 minutes.");
            await Task.Delay(2000);
        }
        Console.WriteLine($"Seeded and scored in {seeding.Elapsed.TotalSeconds:F0} s");

        // A new champion, so that every row is stale whatever the run decides.
        var encoder = app.Services.GetRequiredService<FeatureEncoder>();
        var newer = new ModelTrainer(encoder).Train(BundledTrainingSet.Load(QuestionnaireSchema.V1).ToList(), DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<IModelRepository>().PublishAsync(newer, CancellationToken.None);
        foreach (var each in apps) await each.Services.GetRequiredService<CurrentModel>().GetAsync(CancellationToken.None, refresh: true);

        var wall = Stopwatch.StartNew();
        counting = true; // nothing else writes results from here on: every row written is the run's
        var started = await client.PostAsync("/api/admin/rescore", null);
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<ModelRun>(QuestionnaireSchema.JsonOptions))!.Id;

        ModelRun run;
        var lastPrint = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(1000);
            run = (await client.GetFromJsonAsync<ModelRun>($"/api/admin/rescore/runs/{id}", QuestionnaireSchema.JsonOptions))!;
            if (run.Status != ModelRunStatus.Running) break;
            if (wall.Elapsed - lastPrint < TimeSpan.FromSeconds(10)) continue;
            lastPrint = wall.Elapsed;
            Console.WriteLine($"  {wall.Elapsed.TotalSeconds,5:F0} s  {run.Phase}: parts {run.PartsDone}/{run.PartsTotal}, {run.Rescored:N0} re-scored");
            if (wall.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException("The run did not end in 30 minutes.");
        }
        var stale = await store.CountAsync(new AssessmentQuery(Programme: Programme, Status: AssessmentStatus.Scored, NotScoredBy: run.TargetVersion), CancellationToken.None);

        Console.WriteLine();
        Console.WriteLine($"Run {run.Id}: {run.Status}, {run.Decision}");
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| training + decision (start → fan-out) | {(run.RescoringStartedAt - run.StartedAt)?.TotalSeconds:F1} s |");
        Console.WriteLine($"| fan-out (parts queued → run completed, drift included) | {(run.EndedAt - run.RescoringStartedAt)?.TotalSeconds:F1} s |");
        Console.WriteLine($"| parts total / done / failed | {run.PartsTotal} / {run.PartsDone} / {run.PartsFailed} |");
        Console.WriteLine($"| rows re-scored / unscorable | {run.Rescored:N0} / {run.Unscorable:N0} |");
        Console.WriteLine($"| rate on the run record (re-scored per second of fan-out) | {run.RescoredPerSecond:F0} rows/s |");
        Console.WriteLine($"| rows of the programme still on an older model | {stale:N0} |");
        Console.WriteLine($"| rows each host re-scored | {string.Join(" / ", rescored.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} |");
        return run.Status == ModelRunStatus.Completed && stale == 0 ? 0 : 1;
    }

    /// <summary>The host's store, counting the scored rows it writes once the run has started.</summary>
    private sealed class CountingStore(IAssessmentStore inner, Func<bool> counting, long[] counts, int host) : DelegatingAssessmentStore(inner)
    {
        public override async Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
        {
            var written = await base.ReplaceManyAsync(assessments, cancellationToken);
            if (counting()) Interlocked.Add(ref counts[host], assessments.Count(a => written.Contains(a.Id) && a.Result is not null));
            return written;
        }
    }

    private sealed class AppsDisposal(IReadOnlyList<BenchApplication> apps) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }
}
