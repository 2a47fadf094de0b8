using ExportReadiness.Application.Reviews;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Reviews;

public sealed class ReviewHandlersTests : ApplicationTests
{
    private ReviewHandlers Handlers => App.Get<ReviewHandlers>();

    /// <summary>PUT /api/assessments/{id}/review as an advisor, with If-Match when a version is given.</summary>
    private async Task<(IResult Result, HttpContext Context)> PutAsync(string id, object body, string? ifMatch = null, string key = ApplicationUnderTest.AdvisorKey)
    {
        var context = await App.Put($"/api/assessments/{id}/review", body).AsAdvisorAsync(key);
        if (ifMatch is not null) context.WithHeader("If-Match", ifMatch);
        return ((await Handlers.Put(id, context, default)).Result, context);
    }

    private async Task<ReviewView> ReadAsync(string id) =>
        Assert.IsType<Ok<ReviewView>>((await Handlers.Get(id, await App.Get($"/api/assessments/{id}/review").AsAdvisorAsync(), default)).Result).Value!;

    [Fact]
    public async Task The_first_review_needs_no_If_Match_and_records_the_signed_in_advisor_on_the_assessment_too()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Strong());

        var (result, context) = await PutAsync(id, new { verdict = "ExportReady", note = "Stark produkt", advisor = "Mallory", messageToSme = "Bra jobbat!" });

        var saved = Assert.IsType<Ok<ReviewView>>(result).Value!;
        Assert.Equal((Verdict.ExportReady, ApplicationUnderTest.AdvisorName, App.Clock.GetUtcNow()), (saved.Current!.Verdict, saved.Current.Advisor, saved.Current.ReviewedAt));
        Assert.Equal(saved.Version, context.Response.Headers.ETag.ToString());
        var copy = (await App.StoredAsync(id)).Review!;
        Assert.Equal((Verdict.ExportReady, "Stark produkt", "Bra jobbat!"), (copy.Verdict, copy.Note, copy.MessageToSme));
    }

    [Fact]
    public async Task A_second_review_without_If_Match_is_428_and_changes_nothing()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        await PutAsync(id, new { verdict = "NotYet" });

        var (result, _) = await PutAsync(id, new { verdict = "ExportReady" });

        Assert.Equal(StatusCodes.Status428PreconditionRequired, result.Problem().Status);
        Assert.Equal(Verdict.NotYet, (await ReadAsync(id)).Current!.Verdict);
    }

    [Fact]
    public async Task A_review_on_a_stale_version_is_412_and_the_one_saved_in_between_stands()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        await PutAsync(id, new { verdict = "NotYet", note = "första" });
        var read = (await ReadAsync(id)).Version!;
        App.Clock.Advance(TimeSpan.FromMinutes(2));

        var (first, _) = await PutAsync(id, new { verdict = "ExportReady", note = "Anna" }, read);
        var (second, _) = await PutAsync(id, new { verdict = "NotYet", note = "Erik" }, read, ApplicationUnderTest.OtherAdvisorKey);

        Assert.IsType<Ok<ReviewView>>(first);
        Assert.Equal(StatusCodes.Status412PreconditionFailed, second.Problem().Status);
        var current = (await ReadAsync(id)).Current!;
        Assert.Equal(("Anna", ApplicationUnderTest.AdvisorName, Verdict.NotYet), (current.Note, current.Advisor, current.PreviousVerdict!.Value));
        Assert.Equal(Verdict.ExportReady, (await App.StoredAsync(id)).Review!.Verdict);
    }

    [Fact]
    public async Task A_version_sent_without_its_weak_prefix_still_matches()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        await PutAsync(id, new { verdict = "NotYet" });
        var version = (await ReadAsync(id)).Version!;
        Assert.StartsWith("W/", version, StringComparison.Ordinal);

        var (result, _) = await PutAsync(id, new { verdict = "ExportReady" }, version[2..]);

        Assert.IsType<Ok<ReviewView>>(result);
    }

    [Fact]
    public async Task The_history_lists_every_verdict_given_newest_first()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        string? version = null;
        foreach (var (verdict, note) in new[] { ("NotYet", "ett"), ("ExportReady", "två"), ("NotYet", "tre") })
        {
            App.Clock.Advance(TimeSpan.FromDays(1));
            var (result, context) = await PutAsync(id, new { verdict, note }, version);
            Assert.IsType<Ok<ReviewView>>(result);
            version = context.Response.Headers.ETag.ToString();
        }

        var review = await ReadAsync(id);

        Assert.Equal(["tre", "två", "ett"], review.History.Select(r => r.Note));
        Assert.Equal((Verdict.NotYet, Verdict.ExportReady, version), (review.Current!.Verdict, review.Current.PreviousVerdict!.Value, review.Version));
    }

    [Fact]
    public async Task A_review_without_a_verdict_or_of_an_unknown_assessment_is_refused()
    {
        var (id, _) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());

        var (invalid, _) = await PutAsync(id, new { verdict = "Maybe", note = new string('x', ReviewHandlers.MaxNoteLength + 1) });
        var (unknown, _) = await PutAsync("0000000000000000", new { verdict = "NotYet" });

        var problem = invalid.Problem();
        Assert.Equal(400, problem.Status);
        Assert.Equal(["note", "verdict"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(404, unknown.Problem().Status);
        Assert.Null(await App.Storage.Reviews.GetAsync(id, default));
    }
}
