using System.Net;
using System.Reflection;
using System.Text.Json;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Scoring;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The Function App binds the action-plan handlers: the SME adds and changes an action with its token, an advisor exports the plans.</summary>
[Collection(FunctionAppCollection.Name)]
public class ActionPlanFunctionTests(FunctionAppFixture fixture)
{
    private DefaultHttpContext Request(string method, string path, object? body = null) =>
        fixture.Request(method, path, json: body is null ? null : JsonSerializer.Serialize(body));

    /// <summary>The worker's authorization middleware, then the function; the status and body it wrote.</summary>
    private async Task<(int Status, string Body)> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function)
    {
        await fixture.InvokeAsync(definition, http, function);
        return (http.Response.StatusCode, await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    /// <summary>A scored assessment whose one gap is the first question (a result stored without an explanation: its top gaps are the choices).</summary>
    private async Task<(Assessment Assessment, string Token, Question Gap)> ScoredAsync()
    {
        var token = AccessToken.Create();
        var question = QuestionnaireSchema.V1.Questions.First(q => q.AppliesTo is null);
        var assessment = AssessmentBuilder.Strong().WithGapsIn(question.Id).InProgramme(Unique.Programme("fa-plans")).ToAssessment(accessTokenHash: AccessToken.Hash(token)) with
        {
            Status = AssessmentStatus.Scored,
            Result = new ScoringResult(70, ReadinessLevel.Ready, 0.7, [new DimensionScore(question.Dimension, 60)],
                [new Gap(question.Id, question.Dimension, new LocalizedText("Gör så här", "Do this"), 4.5)], "test", DateTimeOffset.UtcNow),
        };
        await fixture.App.Services.GetRequiredService<IAssessmentStore>().AddAsync(assessment, default);
        return (assessment, token, question);
    }

    [Fact]
    public async Task The_action_plan_functions_add_and_change_an_action_for_the_smes_token_and_export_it_for_an_advisor()
    {
        var (assessment, token, gap) = await ScoredAsync();
        var functions = fixture.App.Function<ActionPlanFunctions>();
        var path = $"/api/assessments/{assessment.Id}/actions";

        var post = Request("POST", path, new { gap = gap.Id, owner = "Lena, vd", dueDate = "2027-04-30" });
        post.Request.Headers[AssessmentHandlers.TokenHeader] = token;
        var (created, body) = await InvokeAsync(FunctionCalls.Method<ActionPlanFunctions>(nameof(ActionPlanFunctions.AddAction)), post,
            () => functions.AddAction(post.Request, assessment.Id, default));
        Assert.Equal((int)HttpStatusCode.Created, created);
        var action = JsonDocument.Parse(body).RootElement;
        // The title defaults to the answer's own advice (in English: no Accept-Language).
        Assert.Equal(gap.Evaluate(assessment.Answers.GetValueOrDefault(gap.Id)).Recommendation!.En, action.GetProperty("title").GetString());
        var id = action.GetProperty("id").GetString()!;

        var put = Request("PUT", $"{path}/{id}", new { status = "Done" });
        put.Request.Headers[AssessmentHandlers.TokenHeader] = token;
        put.Request.Headers.IfMatch = action.GetProperty("version").GetString();
        var (changed, _) = await InvokeAsync(FunctionCalls.Method<ActionPlanFunctions>(nameof(ActionPlanFunctions.ChangeAction)), put,
            () => functions.ChangeAction(put.Request, assessment.Id, id, default));
        Assert.Equal((int)HttpStatusCode.OK, changed);

        var get = Request("GET", path);
        get.Request.Headers[AssessmentHandlers.TokenHeader] = token;
        var (read, plan) = await InvokeAsync(FunctionCalls.Method<ActionPlanFunctions>(nameof(ActionPlanFunctions.GetActionPlan)), get,
            () => functions.GetActionPlan(get.Request, assessment.Id, default));
        Assert.Equal((int)HttpStatusCode.OK, read);
        Assert.Equal("Done", Assert.Single(JsonDocument.Parse(plan).RootElement.GetProperty("actions").EnumerateArray()).GetProperty("status").GetString());

        var csvMethod = FunctionCalls.Method<AdvisorActionPlanFunctions>(nameof(AdvisorActionPlanFunctions.ActionsCsv));
        var anonymous = Request("GET", "/api/reports/actions.csv");
        Assert.Equal((int)HttpStatusCode.Unauthorized, (await InvokeAsync(csvMethod, anonymous, () => fixture.App.Function<AdvisorActionPlanFunctions>().ActionsCsv(anonymous.Request, default))).Status);
        var export = Request("GET", "/api/reports/actions.csv");
        export.Request.Headers[AdvisorKeys.Header] = FunctionCalls.AdvisorKey;
        var (exported, csv) = await InvokeAsync(csvMethod, export, () => fixture.App.Function<AdvisorActionPlanFunctions>().ActionsCsv(export.Request, default));
        Assert.Equal((int)HttpStatusCode.OK, exported);
        Assert.Contains($"{assessment.Id},{assessment.Company.Name},", csv);
    }
}
