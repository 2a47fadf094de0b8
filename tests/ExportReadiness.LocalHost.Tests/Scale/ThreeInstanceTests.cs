using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage;
using ExportReadiness.Storage.Assessments;
using ExportReadiness.Storage.Models;
using ExportReadiness.Testing;
using ExportReadiness.Testing.Faults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace ExportReadiness.LocalHost.Tests.Scale;

/// <summary>
/// Three instances of the app on one storage account, as the Function App scales out: a 10,000-row batch and a nightly
/// re-score shared between them with every row written once per model, the sweeper taking turns, an advisor's session
/// good on every instance until signed out on one, and wrong keys refused per instance.
/// </summary>
public sealed class ThreeInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 10_000;
    private readonly Azurite _azurite = new();
    private readonly ConcurrentQueue<(string Instance, string Id, string Model)> _writes = new();
    private readonly List<ExportReadinessApplication> _instances = [];
    private TrainedModel _weak = null!;

    public async Task InitializeAsync()
    {
        await _azurite.StartAsync();
        // A deliberately weak champion, so the nightly run's challenger is published and every row re-scored.
        var storage = new StorageClients(_azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        _weak = new ModelTrainer(TrainedOnce.Encoder).Train(BundledTrainingSet.Load(QuestionnaireSchema.V1).Take(300).ToList(), TrainedOnce.TrainedAt.AddDays(-1));
        await new BlobModelRepository(storage).PublishAsync(_weak, default);
        foreach (var name in new[] { "a", "b", "c" })
        {
            var app = new ExportReadinessApplication(_azurite.ConnectionString, new Dictionary<string, string?>
            {
                // The sweeper on: every instance runs it, one at a time.
                [$"AzureWebJobs:{LocalTriggers.SweepPending}:Disabled"] = "false",
            }, services: services => Recorded(services, name));
            app.StartServer();
            await app.Services.GetRequiredService<CurrentModel>().WaitUntilAvailableAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            _instances.Add(app);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _instances) await app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>The instance's store, recording each row it writes and the model of its result.</summary>
    private void Recorded(IServiceCollection services, string instance)
    {
        services.RemoveAll<IAssessmentStore>();
        services.AddSingleton<IAssessmentStore>(sp => new RecordingStore(ActivatorUtilities.CreateInstance<TableAssessmentStore>(sp), instance, _writes));
    }

    [Fact]
    public async Task Three_instances_share_a_batch_and_a_rescore_writing_every_row_once_per_model_and_share_sessions_and_sweeps()
    {
        var (a, b, c) = (_instances[0], _instances[1], _instances[2]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var programme = Unique.Programme("three");
        var csv = new BatchFileBuilder().AddMany(Rows, i => AssessmentBuilder.Mixed().InProgramme(programme).Named($"Företag {i} AB")).ToCsv();
        var upload = await a.CreateAdvisorClient().PostAsync($"/api/batches?programme={programme}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var batchId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        // Meanwhile each instance sweeps, as their timers would: one at a time (the lease), and nothing is scored twice for it.
        var sweeps = await Task.WhenAll(_instances.Select(i => i.Services.GetRequiredService<PendingSweeper>().RunAsync(default)));
        output.WriteLine($"sweeps during the batch: {string.Join(", ", sweeps.Select(s => s?.ToString() ?? "skipped"))}");
        await UntilScoredAsync(a, programme, _weak.Metrics.Version);

        output.WriteLine($"batch scored after {clock.Elapsed.TotalSeconds:F1} s");
        AssertEachRowWrittenOnce(_weak.Metrics.Version, Rows);
        // The batch's status, asked of another instance: the scored count all three kept as they wrote.
        Assert.Equal(Rows, await ScoredOfBatchAsync(c, batchId!));

        // The nightly run, started on one instance, its parts picked up by all three.
        var run = await a.Services.GetRequiredService<RescoreJob>().RunAsync("test", default);
        var settled = await a.Services.SettledAsync(run, seconds: 600);
        output.WriteLine($"rescore over three instances: {settled.Rescored} rows in {settled.PartsTotal} parts, {settled.RescoredPerSecond} rows/s; settled after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(ModelRunStatus.Completed, settled.Status);
        Assert.True(settled.Published, settled.Decision);
        Assert.Equal(Rows, settled.Rescored);
        Assert.Equal(0, settled.PartsFailed);
        AssertEachRowWrittenOnce(settled.TargetVersion!, Rows);
        await UntilScoredAsync(b, programme, settled.TargetVersion!);
        Assert.Equal(Rows, await ScoredOfBatchAsync(b, batchId!));

        // An advisor signed in on one instance is signed in on the others, until signing out on any of them.
        using var onA = a.CreateSessionClient();
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync()).StatusCode);
        using var onB = b.CreateSessionClient();
        foreach (var cookie in onA.Cookies) onB.Cookies[cookie.Key] = cookie.Value;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/advisor?programme={programme}")).StatusCode);
        using var onC = c.CreateSessionClient();
        foreach (var cookie in onA.Cookies) onC.Cookies[cookie.Key] = cookie.Value;
        Assert.Equal(HttpStatusCode.Redirect, (await onC.SignOutAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync($"/advisor?programme={programme}")).StatusCode);

        // Wrong keys are limited per instance: the 11th in a minute is refused there; another instance counts its own.
        using var guesserOnA = a.CreateClient();
        for (var attempt = 1; attempt <= 10; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync(guesserOnA, $"guess-{attempt}-0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WithKeyAsync(guesserOnA, "guess-11-0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync(b.CreateClient(), "guess-12-0123456789abcdef")).StatusCode);
    }

    private static async Task<HttpResponseMessage> WithKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/assessments?pageSize=1");
        request.Headers.Add(Application.Access.AdvisorKeys.Header, key);
        return await client.SendAsync(request);
    }

    /// <summary>Every row of the batch written exactly once with a result of <paramref name="model"/>, and each instance wrote some.</summary>
    private void AssertEachRowWrittenOnce(string model, int rows)
    {
        var writes = _writes.Where(w => w.Model == model).ToList();
        var perRow = writes.GroupBy(w => w.Id).ToList();
        output.WriteLine($"{model}: {writes.Count} writes of {perRow.Count} rows; by instance {string.Join(", ", writes.GroupBy(w => w.Instance).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Equal(rows, perRow.Count);
        Assert.All(perRow, g => Assert.Single(g));
        Assert.Equal(["a", "b", "c"], writes.Select(w => w.Instance).Distinct().Order());
    }

    private static async Task<int> ScoredOfBatchAsync(ExportReadinessApplication app, string batchId) =>
        JsonDocument.Parse(await app.CreateAdvisorClient().GetStringAsync($"/api/batches/{batchId}")).RootElement.GetProperty("scored").GetInt32();

    private static async Task UntilScoredAsync(ExportReadinessApplication app, string programme, string model)
    {
        var store = app.Services.GetRequiredService<IAssessmentStore>();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            if ((await store.TalliesAsync(programme, default)).Sum(c => c.Tally.Scored) == Rows
                && await store.CountAsync(new AssessmentQuery(programme, NotScoredBy: model), default) == 0) return;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"Not every row of {programme} was scored by {model} in 10 minutes.");
    }

    private sealed class RecordingStore(IAssessmentStore inner, string instance, ConcurrentQueue<(string, string, string)> writes) : DelegatingAssessmentStore(inner)
    {
        public override async Task<IReadOnlySet<string>> ReplaceManyAsync(IReadOnlyList<Assessment> assessments, CancellationToken cancellationToken)
        {
            var written = await base.ReplaceManyAsync(assessments, cancellationToken);
            foreach (var a in assessments.Where(a => written.Contains(a.Id) && a.Result is not null)) writes.Enqueue((instance, a.Id, a.Result!.ModelVersion));
            return written;
        }

        public override async Task<bool> TryReplaceAsync(Assessment assessment, CancellationToken cancellationToken)
        {
            var written = await base.TryReplaceAsync(assessment, cancellationToken);
            if (written && assessment.Result is not null) writes.Enqueue((instance, assessment.Id, assessment.Result.ModelVersion));
            return written;
        }
    }
}
