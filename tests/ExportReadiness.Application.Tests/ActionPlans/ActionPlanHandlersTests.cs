using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.ActionPlans;

public sealed class ActionPlanHandlersTests : ApplicationTests
{
    private string _id = "";
    private string _token = "";

    private ActionPlanHandlers Handlers => App.Get<ActionPlanHandlers>();

    public override async Task InitializeAsync() => (_id, _token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());

    private async Task<ActionPlanView> PlanAsync(string? token = null) =>
        Assert.IsType<Ok<ActionPlanView>>((await Handlers.Get(_id, App.Get($"/api/assessments/{_id}/actions").WithToken(token ?? _token), default)).Result).Value!;

    private async Task<(IResult Result, HttpContext Context)> AddAsync(object body, string? token = null)
    {
        var context = App.Post($"/api/assessments/{_id}/actions", body).WithToken(token ?? _token);
        return ((await Handlers.Post(_id, context, default)).Result, context);
    }

    private async Task<(IResult Result, HttpContext Context)> ChangeAsync(string actionId, object body, string? ifMatch)
    {
        var context = App.Put($"/api/assessments/{_id}/actions/{actionId}", body).WithToken(_token);
        if (ifMatch is not null) context.WithHeader("If-Match", ifMatch);
        return ((await Handlers.Put(_id, actionId, context, default)).Result, context);
    }

    private async Task<GapChoice> GapAsync(int index = 0)
    {
        var gaps = (await PlanAsync()).Gaps;
        Assert.True(gaps.Count > index, $"The assessment has {gaps.Count} gaps.");
        return gaps[index];
    }

    [Fact]
    public async Task An_sme_adds_an_action_from_a_gap_and_finds_it_in_the_products_plan()
    {
        var gap = await GapAsync();

        var (result, context) = await AddAsync(new { gap = gap.QuestionId, owner = "Anna, vd", dueDate = "2027-03-31" });

        var created = Assert.IsType<Created<ActionView>>(result);
        var action = created.Value!;
        Assert.Equal($"/api/assessments/{_id}/actions/{action.Id}", created.Location);
        Assert.Equal(action.Version, context.Response.Headers.ETag.ToString());
        Assert.Equal((gap.QuestionId, gap.Dimension, gap.Advice.En, "sme", _id, App.Clock.GetUtcNow()),
            (action.Gap, action.Dimension, action.Title, action.CreatedBy, action.FromAssessmentId, action.CreatedAt));
        Assert.Equal([action.Id], (await PlanAsync()).Actions.Select(a => a.Id));
    }

    [Fact]
    public async Task A_retried_add_returns_the_action_already_planned_and_the_plan_holds_it_once()
    {
        var body = new { gap = (await GapAsync()).QuestionId, owner = "Anna", dueDate = "2027-03-31" };
        var (first, _) = await AddAsync(body);
        App.Clock.Advance(TimeSpan.FromSeconds(30));

        var (retried, _) = await AddAsync(body);

        var created = Assert.IsType<Created<ActionView>>(first).Value!;
        Assert.Equal(created, Assert.IsType<Ok<ActionView>>(retried).Value);
        Assert.Single((await PlanAsync()).Actions);
    }

    [Fact]
    public async Task An_id_a_client_chose_that_another_pick_holds_already_is_409()
    {
        var (first, second) = (await GapAsync(0), await GapAsync(1));
        await AddAsync(new { id = "client-action-1", gap = first.QuestionId, owner = "Anna", dueDate = "2027-03-31" });

        var (clash, _) = await AddAsync(new { id = "client-action-1", gap = second.QuestionId, owner = "Erik", dueDate = "2027-04-30" });

        Assert.Equal(StatusCodes.Status409Conflict, clash.Problem().Status);
        var stored = Assert.Single((await PlanAsync()).Actions);
        Assert.Equal((first.QuestionId, "Anna"), (stored.Gap, stored.Owner));
    }

    [Fact]
    public async Task A_change_needs_If_Match_is_412_on_a_stale_version_and_marks_when_it_was_done()
    {
        var (added, _) = await AddAsync(new { gap = (await GapAsync()).QuestionId, owner = "Anna", dueDate = "2027-03-31" });
        var action = Assert.IsType<Created<ActionView>>(added).Value!;
        App.Clock.Advance(TimeSpan.FromDays(10));

        var (withoutVersion, _) = await ChangeAsync(action.Id, new { status = "InProgress" }, null);
        var (started, _) = await ChangeAsync(action.Id, new { status = "InProgress" }, action.Version);
        var (stale, _) = await ChangeAsync(action.Id, new { status = "Dropped" }, action.Version);
        var current = Assert.IsType<Ok<ActionView>>(started).Value!;
        var (done, context) = await ChangeAsync(action.Id, new { status = "Done" }, current.Version);

        Assert.Equal((428, 412), (withoutVersion.Problem().Status, stale.Problem().Status));
        var finished = Assert.IsType<Ok<ActionView>>(done).Value!;
        Assert.Equal((ActionStatus.Done, App.Clock.GetUtcNow()), (finished.Status, finished.DoneAt!.Value));
        Assert.Equal(finished.Version, context.Response.Headers.ETag.ToString());
        Assert.Equal(404, (await ChangeAsync("no-such-action", new { status = "Done" }, current.Version)).Result.Problem().Status);
    }

    [Fact]
    public async Task Another_products_token_or_an_unknown_assessment_finds_no_plan_and_changes_none()
    {
        var (_, otherToken) = await App.SubmitAsync(AssessmentBuilder.Weak());
        var gap = await GapAsync();

        var (refused, _) = await AddAsync(new { gap = gap.QuestionId, owner = "Mallory", dueDate = "2027-03-31" }, otherToken);
        var read = (await Handlers.Get(_id, App.Get($"/api/assessments/{_id}/actions").WithToken(otherToken), default)).Result.Problem();
        var unknown = (await Handlers.Get("0000000000000000", await App.Get("/api/assessments/0000000000000000/actions").AsAdvisorAsync(), default)).Result.Problem();

        Assert.Equal((404, 404, 404), (refused.Problem().Status, read.Status, unknown.Status));
        Assert.Empty((await PlanAsync()).Actions);
    }

    [Fact]
    public async Task An_advisor_adds_an_action_in_their_own_name_with_a_key()
    {
        var gap = await GapAsync();
        var context = await App.Post($"/api/assessments/{_id}/actions", new { gap = gap.QuestionId, owner = "Anna", dueDate = "2027-03-31" }).AsAdvisorAsync();

        var created = Assert.IsType<Created<ActionView>>((await Handlers.Post(_id, context, default)).Result).Value!;

        Assert.Equal(ApplicationUnderTest.AdvisorName, created.CreatedBy);
    }

    [Fact]
    public async Task An_add_with_bad_fields_names_each_of_them()
    {
        var (result, _) = await AddAsync(new { gap = "not-a-gap", owner = "", dueDate = "31/03/2027", status = "Finished" });

        var problem = result.Problem();
        Assert.Equal(400, problem.Status);
        Assert.Equal(["dueDate", "gap", "owner", "status"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty((await PlanAsync()).Actions);
    }
}
