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

    private RescoreJob Job() => Services.GetRequiredService<RescoreJob>();

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

        var run = await Services.SettledAsync(await Job().RunAsync("test", default));

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

        var run = await Services.SettledAsync(await Job().RunAsync("test", default));

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

        var run = await Services.SettledAsync(await Job().RunAsync("test", default));

        Assert.NotNull(run);
        Assert.Equal(2, run.AdvisorVerdicts);
        Assert.Equal(Core.Reviews.Verdict.ExportReady, (await Store.FindAsync(reviewed[0], default))!.Review?.Verdict);
        Assert.Equal(Core.Reviews.Verdict.NotYet, (await Store.FindAsync(reviewed[1], default))!.Review?.Verdict);
    }
}
