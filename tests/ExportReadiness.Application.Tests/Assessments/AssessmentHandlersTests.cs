using System.Text.Json.Nodes;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Reviews;
using ExportReadiness.Core.Scoring;
using ExportReadiness.Testing;
using ExportReadiness.Testing.InMemory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportReadiness.Application.Tests.Assessments;

public sealed class AssessmentHandlersTests : ApplicationTests
{
    private AssessmentHandlers Handlers => App.Get<AssessmentHandlers>();

    private async Task<IResult> SubmitAsync(string json, string? token = null)
    {
        var context = App.Request(HttpMethods.Post, "/api/assessments", json);
        if (token is not null) context.WithToken(token);
        return (await Handlers.Submit(context.Request, default)).Result;
    }

    private async Task<IResult> GetAsync(string id, Func<HttpContext, Task<HttpContext>>? caller = null)
    {
        var context = App.Get($"/api/assessments/{id}");
        if (caller is not null) context = await caller(context);
        return (await Handlers.Get(id, context, default)).Result;
    }

    [Fact]
    public async Task A_valid_submission_is_accepted_with_its_location_and_a_token_and_archived_stored_and_queued()
    {
        var json = AssessmentBuilder.Strong().InProgramme("umea").ToJsonString();

        var accepted = Assert.IsType<Accepted<SubmissionAccepted>>(await SubmitAsync(json));

        var body = accepted.Value!;
        Assert.Equal($"/api/assessments/{body.Id}", accepted.Location);
        Assert.Equal(AssessmentStatus.Pending, body.Status);
        var stored = await App.StoredAsync(body.Id);
        Assert.Equal(("umea", AssessmentStatus.Pending, App.Clock.GetUtcNow()), (stored.Programme, stored.Status, stored.SubmittedAt));
        Assert.True(AccessToken.Matches(body.AccessToken, stored.AccessTokenHash));
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString((await App.Storage.Submissions.GetAsync(body.Id, default))!.Value.Span));
        Assert.Equal([body.Id], App.Storage.ScoringQueue.SentIds);
    }

    [Fact]
    public async Task An_invalid_submission_is_a_problem_naming_each_wrong_field_and_nothing_is_stored()
    {
        var required = Core.Questionnaire.QuestionnaireSchema.V1.Questions.First(q => q.Required && q.AppliesTo is null).Id;
        var json = AssessmentBuilder.Mixed().WithEmployees(-5).Without(required).ToJsonString();

        var problem = (await SubmitAsync(json)).Problem();

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Contains("company.employees", problem.Errors.Keys);
        Assert.Contains($"answers.{required}", problem.Errors.Keys);
        Assert.Equal(0, await App.Storage.Assessments.CountAsync(new AssessmentQuery(), default));
        Assert.Empty(App.Storage.ScoringQueue.Sent);
    }

    [Fact]
    public async Task A_submission_whose_client_hangs_up_once_its_row_is_written_still_sends_its_scoring_message()
    {
        using var request = new CancellationTokenSource();
        await using var app = new ApplicationUnderTest(services: s => s.AddSingleton<IScoringQueue>(sp =>
            new HangingUpBeforeSend(sp.GetRequiredService<InMemoryStorage>().ScoringQueue, request)));
        var context = app.Request(HttpMethods.Post, "/api/assessments", AssessmentBuilder.Mixed().ToJsonString());

        var accepted = Assert.IsType<Accepted<SubmissionAccepted>>((await app.Get<AssessmentHandlers>().Submit(context.Request, request.Token)).Result);

        Assert.True(request.IsCancellationRequested);
        Assert.Equal([accepted.Value!.Id], app.Storage.ScoringQueue.SentIds);
    }

    /// <summary>The client's request is cancelled the moment the scoring message is about to be sent, as a client that hangs up then.</summary>
    private sealed class HangingUpBeforeSend(IScoringQueue inner, CancellationTokenSource request) : IScoringQueue
    {
        public async Task EnqueueAsync(ScoringRequest scoring, CancellationToken cancellationToken)
        {
            await request.CancelAsync();
            await inner.EnqueueAsync(scoring, cancellationToken);
        }

        public Task EnqueueManyAsync(string programme, IReadOnlyList<string> ids, CancellationToken cancellationToken) => inner.EnqueueManyAsync(programme, ids, cancellationToken);
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("null", "$")]
    [InlineData("{\"schemaVersion\":1}", "company")]
    [InlineData("{\"schemaVersion\":\"1\",\"company\":{},\"product\":{},\"answers\":[]}", "answers")]
    [InlineData("{\"schemaVersion\":1,\"programme\":\"\\ud800\"}", "programme")]
    [InlineData("{\"answers\":{\"\\ud800\":1}}", "answers")]
    [InlineData("{\"company\":{\"name\":\"\\udc00x\"}}", "company.name")]
    public async Task A_malformed_body_is_a_400_problem_naming_where_never_an_exception(string body, string field)
    {
        var problem = (await SubmitAsync(body)).Problem();

        Assert.Equal(400, problem.Status);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_413()
    {
        var huge = AssessmentBuilder.Strong().ToJson();
        huge["product"]!["description"] = new string('x', App.Options<Hosting.ExportReadinessOptions>().MaxRequestBodyBytes);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, (await SubmitAsync(huge.ToJsonString())).Problem().Status);
    }

    [Fact]
    public async Task A_body_that_is_no_json_or_of_another_type_is_refused_with_its_status()
    {
        var malformed = (await SubmitAsync("{\"company\": ")).Problem();
        var wrongType = (await Handlers.Submit(App.Request(HttpMethods.Post, "/api/assessments", "a,b", "text/csv").Request, default)).Result.Problem();

        Assert.Equal((400, 415), (malformed.Status, wrongType.Status));
        Assert.Equal(["$"], malformed.Errors.Keys);
    }

    [Fact]
    public async Task A_reassessment_joins_the_product_only_with_the_earlier_assessments_token()
    {
        var (earlier, token) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        var (other, otherToken) = await App.SubmitAsync(AssessmentBuilder.Mixed());
        JsonObject Reassessing(string id)
        {
            var json = AssessmentBuilder.Strong().ToJson();
            json[AssessmentHandlers.PreviousAssessmentField] = id;
            return json;
        }

        var withoutToken = (await SubmitAsync(Reassessing(earlier).ToJsonString())).Problem();
        var withAnothersToken = (await SubmitAsync(Reassessing(earlier).ToJsonString(), otherToken)).Problem();
        var accepted = Assert.IsType<Accepted<SubmissionAccepted>>(await SubmitAsync(Reassessing(earlier).ToJsonString(), token));

        foreach (var refused in new[] { withoutToken, withAnothersToken })
        {
            Assert.Equal(400, refused.Status);
            Assert.Equal([AssessmentHandlers.PreviousAssessmentField], refused.Errors.Keys);
        }
        var reassessment = await App.StoredAsync(accepted.Value!.Id);
        Assert.Equal((earlier, earlier), (reassessment.ProductId, reassessment.PreviousAssessmentId));
        Assert.Equal(other, (await App.StoredAsync(other)).ProductId);
    }

    [Fact]
    public async Task An_assessment_is_visible_to_its_token_and_to_advisors_and_to_nobody_else_alike()
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        var (_, otherToken) = await App.SubmitAsync(AssessmentBuilder.Mixed());

        var asSme = Assert.IsType<Ok<AssessmentView>>(await GetAsync(id, c => Task.FromResult(c.WithToken(token)))).Value!;
        var asAdvisor = Assert.IsType<Ok<AssessmentView>>(await GetAsync(id, c => c.AsAdvisorAsync())).Value!;
        var anonymous = (await GetAsync(id)).Problem();
        var wrongToken = (await GetAsync(id, c => Task.FromResult(c.WithToken(otherToken)))).Problem();
        var unknown = (await GetAsync("0000000000000000", c => c.AsAdvisorAsync())).Problem();

        Assert.Equal((AssessmentStatus.Scored, ApplicationUnderTest.ModelVersion), (asSme.Status, asSme.Result!.ModelVersion));
        Assert.Equal(asSme.Result.ReadinessScore, asAdvisor.Result!.ReadinessScore);
        // An unknown id and a wrong token look the same: nobody learns which assessments exist.
        Assert.Equal((404, 404, 404), (anonymous.Status, wrongToken.Status, unknown.Status));
        Assert.Equal(anonymous.Title, wrongToken.Title);
    }

    [Fact]
    public async Task The_sme_reads_the_advisors_message_but_never_the_verdict_or_internal_note()
    {
        var (id, token) = await App.SubmitScoredAsync(AssessmentBuilder.Mixed());
        var stored = await App.StoredAsync(id);
        var review = new Review(id, Verdict.NotYet, "Intern: svag säljkanal", ApplicationUnderTest.AdvisorName, App.Clock.GetUtcNow()) { MessageToSme = "Börja med en exportplan." };
        Assert.True(await App.Storage.Assessments.TryReplaceAsync(stored with { Review = review }, default));

        var asSme = Assert.IsType<Ok<AssessmentView>>(await GetAsync(id, c => Task.FromResult(c.WithToken(token)))).Value!;
        var asAdvisor = Assert.IsType<Ok<AssessmentView>>(await GetAsync(id, c => c.AsAdvisorAsync())).Value!;

        Assert.Null(asSme.Review);
        Assert.Equal(["Börja med en exportplan."], asSme.AdvisorMessages.Select(m => m.Text));
        Assert.Equal("Intern: svag säljkanal", asAdvisor.Review!.Note);
    }

    [Fact]
    public async Task The_advisor_list_filters_by_programme_and_level_and_pages_with_a_continuation_token()
    {
        var umea = new List<string>();
        for (var i = 0; i < 5; i++) umea.Add((await App.SubmitAsync(AssessmentBuilder.Mixed().InProgramme("umea").Named($"Umeå {i} AB"))).Id);
        await App.SubmitAsync(AssessmentBuilder.Mixed().InProgramme("lulea"));
        await App.ScoreWaitingAsync();
        var pages = new List<AssessmentList>();
        string? continuation = null;
        do
        {
            var target = "/api/assessments?programme=umea&pageSize=2" + (continuation is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuation)}");
            var page = Assert.IsType<Ok<AssessmentList>>((await Handlers.List((await App.Get(target).AsAdvisorAsync()).Request, default)).Result).Value!;
            pages.Add(page);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(umea.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(a => a.Id));
        var level = (await App.StoredAsync(umea[0])).Result!.Level;
        var ofLevel = Assert.IsType<Ok<AssessmentList>>((await Handlers.List((await App.Get($"/api/assessments?programme=umea&level={level}").AsAdvisorAsync()).Request, default)).Result).Value!;
        Assert.NotEmpty(ofLevel.Items);
        Assert.All(ofLevel.Items, a => Assert.Equal(("umea", level), (a.Programme, a.Level!.Value)));
    }

    [Fact]
    public async Task Invalid_list_filters_are_a_problem_naming_each()
    {
        var context = await App.Get("/api/assessments?level=Brilliant&pageSize=0&programme=a%2Fb&continuationToken=made-up").AsAdvisorAsync();

        var problem = (await Handlers.List(context.Request, default)).Result.Problem();

        Assert.Equal(400, problem.Status);
        Assert.Equal(["continuationToken", "level", "pageSize", "programme"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }
    /// <summary>A product scored <see cref="ProductHistoryWindow.Limit"/> + 15 times, each opened by the one token returned.</summary>
    private async Task<(List<Assessment> Rows, string Token)> LongHistoryAsync()
    {
        var token = AccessToken.Create();
        var rows = Testing.Contracts.ContractData.ScoredReassessed("umea", ProductHistoryWindow.Limit + 15, AccessToken.Hash(token));
        await App.Storage.Assessments.AddManyAsync(rows, default);
        return (rows, token);
    }

    [Fact]
    public async Task A_product_reassessed_more_often_than_the_cap_lists_its_first_and_latest_assessments_and_says_it_is_capped()
    {
        var (rows, token) = await LongHistoryAsync();

        var context = await App.Get($"/api/products/{rows[0].Id}").AsAdvisorAsync();
        var product = Assert.IsType<Ok<ProductView>>((await Handlers.Product(rows[0].Id, context.Request, default)).Result).Value!;
        var latest = Assert.IsType<Ok<AssessmentView>>(await GetAsync(rows[^1].Id, c => Task.FromResult(c.WithToken(token)))).Value!;
        var older = Assert.IsType<Ok<AssessmentView>>(await GetAsync(rows[5].Id, c => Task.FromResult(c.WithToken(token)))).Value!;

        Assert.Equal(rows.Take(1).Concat(rows.TakeLast(ProductHistoryWindow.Limit - 1)).Select(a => a.Id), product.Assessments.Select(a => a.Id));
        Assert.True(product.Capped);
        // The assessment compared with is the one just before, whichever assessment is read.
        Assert.Equal(ProductHistoryWindow.Limit - 1, latest.History.Count);
        Assert.Equal((rows[^2].Id, 30 + rows.Count - 2), (latest.History[^1].Id, latest.History[^1].ReadinessScore!.Value));
        Assert.Equal(rows.Take(5).Select(a => a.Id), older.History.Select(h => h.Id));
    }
}
