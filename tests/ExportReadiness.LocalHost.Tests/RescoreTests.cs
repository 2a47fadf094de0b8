using System.Net;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Core.Training;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Rescoring;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Testing;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// The nightly run through the real app, in a collection of its own (its own Azurite and app): a run publishes models and
/// re-scores every row, which no other test's data should see or feed.
/// </summary>
[Collection(RescoreCollection.Name)]
public class RescoreTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private IServiceProvider Services => pipeline.App.Services;
    private IAssessmentStore Store => Services.GetRequiredService<IAssessmentStore>();

    /// <summary>Makes <paramref name="model"/> the champion, whatever an earlier test of the class published.</summary>
    private async Task<string> ChampionAsync(TrainedModel model)
    {
        await Services.GetRequiredService<IModelRepository>().PublishAsync(model, default);
        return (await Services.GetRequiredService<CurrentModel>().GetAsync(default, refresh: true)).Version;
    }

    private RescoreJob Job(int pageSize = 500) => ActivatorUtilities.CreateInstance<RescoreJob>(Services,
        Options.Create(new ExportReadinessOptions { RescorePageSize = pageSize }));

    /// <summary>Scored assessments whose rows claim an older model, as if scored before the last publish.</summary>
    private async Task<List<string>> StaleAssessmentsAsync(string programme, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var accepted = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named($"Stale {i}"));
            await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
            ids.Add(accepted.Id);
        }
        foreach (var id in ids)
        {
            var a = (await Store.FindAsync(id, default))!;
            Assert.True(await Store.TryReplaceAsync(a with { Result = a.Result! with { ModelVersion = "19990101T000000Z-old", ScoredAt = DateTimeOffset.UnixEpoch } }, default));
        }
        return ids;
    }

    [Fact]
    public async Task A_challenger_that_is_not_better_is_not_published_and_only_stale_rows_are_rescored()
    {
        var programme = Unique.Programme("stale");
        var stale = await StaleAssessmentsAsync(programme, 3);
        var championVersion = await ChampionAsync(TrainedOnce.Bundled);
        var fresh = await _sme.SubmitAsync(AssessmentBuilder.Strong().InProgramme(programme));
        var freshBefore = (await _sme.WaitForStatusAsync(fresh.Id, fresh.AccessToken)).Result!;

        var run = await Job().RunAsync("test", default);

        Assert.NotNull(run);
        Assert.False(run.Published);
        Assert.Equal(championVersion, run.TargetVersion);
        Assert.NotNull(run.ChampionLogLoss);
        Assert.NotNull(run.ChallengerLogLoss);
        Assert.Contains("Champion kept", run.Decision);
        Assert.Equal(ModelRunStatus.Completed, run.Status);
        Assert.True(run.Rescored >= 3);
        foreach (var id in stale) Assert.Equal(championVersion, (await Store.FindAsync(id, default))!.Result!.ModelVersion);
        Assert.Equal(freshBefore.ScoredAt, (await Store.FindAsync(fresh.Id, default))!.Result!.ScoredAt);
        Assert.Equal(run, await Services.GetRequiredService<IModelRunStore>().GetAsync(run.Id, default));
    }

    [Fact]
    public async Task A_better_challenger_is_published_and_every_assessment_is_brought_to_it()
    {
        // A deliberately weak champion: trained on 300 rows only.
        var encoder = Services.GetRequiredService<FeatureEncoder>();
        var weak = new ModelTrainer(encoder).Train(BundledTrainingSet.Load(QuestionnaireSchema.V1).Take(300).ToList(), TrainedOnce.TrainedAt.AddDays(-1));
        await ChampionAsync(weak);
        var programme = Unique.Programme("better");
        var accepted = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
        Assert.Equal(weak.Metrics.Version, (await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken)).Result!.ModelVersion);

        var run = await Job().RunAsync("test", default);

        Assert.True(run!.Published, run.Decision);
        Assert.Equal(weak.Metrics.Version, run.ChampionVersion);
        Assert.True(run.ChallengerLogLoss < run.ChampionLogLoss);
        Assert.Equal(run.ChallengerVersion, await Services.GetRequiredService<IModelRepository>().GetCurrentVersionAsync(default));
        Assert.Equal(run.ChallengerVersion, (await Store.FindAsync(accepted.Id, default))!.Result!.ModelVersion);
        await foreach (var a in Store.ScanAsync(new AssessmentQuery(Status: AssessmentStatus.Scored), default))
            Assert.Equal(run.ChallengerVersion, a.Result!.ModelVersion);
    }

    [Fact]
    public async Task Advisor_verdicts_are_training_labels_and_the_run_repairs_a_lost_copy_on_the_assessment()
    {
        var programme = Unique.Programme("labels");
        var advisor = pipeline.App.CreateAdvisorClient();
        var reviewed = new List<string>();
        foreach (var (builder, verdict) in new[] { (AssessmentBuilder.Strong(), "ExportReady"), (AssessmentBuilder.Weak(), "NotYet") })
        {
            var accepted = await _sme.SubmitAsync(builder.InProgramme(programme));
            await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
            var put = await advisor.PutAsync($"/api/assessments/{accepted.Id}/review",
                new StringContent(JsonSerializer.Serialize(new { verdict, advisor = "Anna Lind" }), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            reviewed.Add(accepted.Id);
        }
        // The copy on the first assessment's row is lost, as if its write had failed after the review was saved.
        var lost = (await Store.FindAsync(reviewed[0], default))!;
        Assert.True(await Store.TryReplaceAsync(lost with { Review = null }, default));

        var run = await Job().RunAsync("test", default);

        Assert.NotNull(run);
        Assert.Equal(2, run.AdvisorVerdicts);
        Assert.Equal(Core.Reviews.Verdict.ExportReady, (await Store.FindAsync(reviewed[0], default))!.Review?.Verdict);
        Assert.Equal(Core.Reviews.Verdict.NotYet, (await Store.FindAsync(reviewed[1], default))!.Review?.Verdict);
    }

    [Fact]
    public async Task A_stale_assessment_that_cannot_be_scored_does_not_stop_the_run()
    {
        var programme = Unique.Programme("unscorable");
        var stale = await StaleAssessmentsAsync(programme, 2);
        var broken = (await Store.FindAsync(stale[0], default))!;
        var question = broken.Answers.First(a => a.Value.Choice is not null).Key;
        // An option value the questionnaire no longer knows, as if stored under an older schema.
        Assert.True(await Store.TryReplaceAsync(broken with
        {
            Answers = new Dictionary<string, Answer>(broken.Answers) { [question] = Answer.Of("retired-option") },
        }, default));

        try
        {
            var run = await Job().RunAsync("test", default);

            Assert.NotNull(run);
            Assert.Equal(ModelRunStatus.Completed, run.Status);
            Assert.Equal(1, run.Unscorable);
            Assert.Equal(run.TargetVersion, (await Store.FindAsync(stale[1], default))!.Result!.ModelVersion);
            Assert.Equal("19990101T000000Z-old", (await Store.FindAsync(stale[0], default))!.Result!.ModelVersion);
        }
        finally
        {
            // Out of the other runs' way: a row no run can score would sit in every later run's first page.
            var kept = (await Store.FindAsync(stale[0], default))!;
            Assert.True(await Store.TryReplaceAsync(kept with { Status = AssessmentStatus.Failed }, default));
        }
    }

    [Fact]
    public async Task A_run_stopped_half_way_is_resumed_and_scores_each_assessment_once()
    {
        var programme = Unique.Programme("resume");
        var stale = await StaleAssessmentsAsync(programme, 6);
        using var stop = new CancellationTokenSource();
        var job = Job(pageSize: 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync("test", stop.Token, new SyncProgress(_ => stop.Cancel())));
        // The collection's tests run one at a time and none of its apps runs the timer: the newest run is this one.
        var interrupted = (await Services.GetRequiredService<IModelRunStore>().RecentAsync(1, default))[0];
        Assert.Equal(ModelRunStatus.Running, interrupted.Status);
        Assert.Equal(2, interrupted.Rescored);
        var firstPage = new Dictionary<string, DateTimeOffset>();
        foreach (var id in stale)
        {
            var result = (await Store.FindAsync(id, default))!.Result!;
            if (result.ModelVersion == interrupted.TargetVersion) firstPage[id] = result.ScoredAt;
        }
        Assert.Equal(2, firstPage.Count);

        var resumed = await job.RunAsync("test", default);

        Assert.Equal(interrupted.Id, resumed!.Id);
        Assert.Equal(ModelRunStatus.Completed, resumed.Status);
        Assert.Equal(6, resumed.Rescored);
        foreach (var (id, scoredAt) in firstPage) Assert.Equal(scoredAt, (await Store.FindAsync(id, default))!.Result!.ScoredAt);
        foreach (var id in stale) Assert.Equal(interrupted.TargetVersion, (await Store.FindAsync(id, default))!.Result!.ModelVersion);
    }

    [Fact]
    public async Task Two_concurrent_rescore_requests_run_once_and_the_other_is_told_it_is_running()
    {
        var advisor = pipeline.App.CreateAdvisorClient();
        var responses = await Task.WhenAll(advisor.PostAsync("/api/admin/rescore", null), advisor.PostAsync("/api/admin/rescore", null));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var started = responses.Single(r => r.StatusCode == HttpStatusCode.Accepted);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ProblemAsync();

        // Wait for the background run so the lock is free for whoever comes next.
        var location = started.Headers.Location!.OriginalString;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (JsonDocument.Parse(await advisor.GetStringAsync(location)).RootElement.GetProperty("status").GetString() == "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, "The rescore run did not finish.");
            await Task.Delay(250);
        }
        Assert.Equal("Completed", JsonDocument.Parse(await advisor.GetStringAsync(location)).RootElement.GetProperty("status").GetString());
    }

    /// <summary>Progress reported on the caller's thread, so a test can stop the run between two pages.</summary>
    private sealed class SyncProgress(Action<ModelRun> report) : IProgress<ModelRun>
    {
        public void Report(ModelRun value) => report(value);
    }
}
