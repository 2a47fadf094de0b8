using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests;

/// <summary>The SME's way in, through the real handlers: submit a questionnaire, let the scoring queue be delivered.</summary>
public static class Pipeline
{
    /// <summary>Submits through <c>POST /api/assessments</c>; the new id and the SME's token.</summary>
    public static async Task<(string Id, string Token)> SubmitAsync(this ApplicationUnderTest app, AssessmentBuilder assessment)
    {
        var result = await app.Get<AssessmentHandlers>().Submit(app.Request(HttpMethods.Post, "/api/assessments", assessment.ToJsonString()).Request, default);
        var accepted = Assert.IsType<Accepted<SubmissionAccepted>>(result.Result).Value!;
        return (accepted.Id, accepted.AccessToken);
    }

    /// <summary>Delivers every waiting scoring message and checks each was handled.</summary>
    public static async Task ScoreWaitingAsync(this ApplicationUnderTest app)
    {
        var results = await app.Storage.ScoringQueue.DeliverAsync(app.Get<ScoreAssessmentHandler>());
        Assert.All(results, r => Assert.Null(r.Error));
    }

    /// <summary>Submitted and scored: the id and the token.</summary>
    public static async Task<(string Id, string Token)> SubmitScoredAsync(this ApplicationUnderTest app, AssessmentBuilder assessment)
    {
        var submitted = await app.SubmitAsync(assessment);
        await app.ScoreWaitingAsync();
        return submitted;
    }

    /// <summary>
    /// Gives the stored assessment an answer option the questionnaire no longer knows, as a row stored under an older
    /// schema may hold: the model cannot score it.
    /// </summary>
    public static async Task MakeUnscorableAsync(this ApplicationUnderTest app, string id)
    {
        var stored = await app.StoredAsync(id);
        var question = stored.Answers.First(a => a.Value.Choice is not null).Key;
        Assert.True(await app.Storage.Assessments.TryReplaceAsync(stored with
        {
            Answers = new Dictionary<string, Answer>(stored.Answers) { [question] = Answer.Of("retired-option") },
        }, default));
    }

    public static async Task<Assessment> StoredAsync(this ApplicationUnderTest app, string id) =>
        await app.Storage.Assessments.FindAsync(id, default) ?? throw new Xunit.Sdk.XunitException($"Assessment {id} is not stored.");
}
