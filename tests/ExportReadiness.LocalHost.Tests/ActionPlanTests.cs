using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Pages;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>A product's action plan through the API: adding from gaps, changing with If-Match, retries, validation, access per product, and the re-assessment's view of what was done.</summary>
[Collection(PipelineCollection.Name)]
public class ActionPlanTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private static string Programme(string name) => Unique.Programme($"plan-{name}");

    private static string Plan(string id) => $"/api/assessments/{id}/actions";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, JsonObject? body = null, string? ifMatch = null, string? language = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Add(AssessmentHandlers.TokenHeader, token);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (language is not null) request.Headers.TryAddWithoutValidation("Accept-Language", language);
        return await (client ?? _sme).SendAsync(request);
    }

    private async Task<ActionPlanView> PlanAsync(string id, string? token, HttpClient? client = null)
    {
        var response = await SendAsync(HttpMethod.Get, Plan(id), token, client: client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ActionPlanView>(PipelineClient.Json))!;
    }

    private static JsonObject Add(string gap, string owner = "Anna Ek, vd", string due = "2027-03-31") => new() { ["gap"] = gap, ["owner"] = owner, ["dueDate"] = due };

    private async Task<(SubmissionAccepted Accepted, AssessmentView View)> ScoredAsync(AssessmentBuilder builder)
    {
        var accepted = await _sme.SubmitAsync(builder);
        return (accepted, await _sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken));
    }

    private static async Task<ActionView> ActionAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var action = (await response.Content.ReadFromJsonAsync<ActionView>(PipelineClient.Json))!;
        Assert.Equal(action.Version, response.Headers.ETag?.ToString());
        return action;
    }

    [Fact]
    public async Task Bad_action_fields_are_a_400_naming_each_field_in_swedish_when_asked()
    {
        var (sme, view) = await ScoredAsync(AssessmentBuilder.Strong().WithGapsIn(QuestionnaireSchema.V1.Questions.First(q => q.AppliesTo is null).Id).InProgramme(Programme("bad")));
        var gaps = (await PlanAsync(sme.Id, sme.AccessToken)).Gaps;
        var notAGap = QuestionnaireSchema.V1.Questions.First(q => q.AppliesTo is null && gaps.All(g => g.QuestionId != q.Id)).Id;

        var response = await SendAsync(HttpMethod.Post, Plan(sme.Id), sme.AccessToken, Add(notAGap, owner: " ", due: "31/12/2027"), language: "sv-SE");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("Åtgärden har ogiltiga fält.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("Inte en lucka", errors.GetProperty("gap")[0].GetString());
        Assert.Equal("Ett värde krävs.", errors.GetProperty("owner")[0].GetString());
        Assert.Equal("Ange ett datum som ÅÅÅÅ-MM-DD.", errors.GetProperty("dueDate")[0].GetString());

        var wrongType = Add(gaps[0].QuestionId);
        wrongType["owner"] = 42;
        var typed = await SendAsync(HttpMethod.Post, Plan(sme.Id), sme.AccessToken, wrongType);
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Equal("Expected a string.", (await typed.ProblemAsync()).GetProperty("errors").GetProperty("owner")[0].GetString());

        var action = await ActionAsync(await SendAsync(HttpMethod.Post, Plan(sme.Id), sme.AccessToken, Add(gaps[0].QuestionId)), HttpStatusCode.Created);
        var badStatus = await SendAsync(HttpMethod.Put, $"{Plan(sme.Id)}/{action.Id}", sme.AccessToken, new JsonObject { ["status"] = "Klar" }, action.Version, "sv");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.StartsWith("Använd ett av: Planned, InProgress, Done, Dropped", (await badStatus.ProblemAsync()).GetProperty("errors").GetProperty("status")[0].GetString());
        Assert.Equal(AssessmentStatus.Scored, view.Status);
    }

    [Fact]
    public async Task The_plan_carries_over_to_the_reassessment_whose_answer_shows_the_actions_done_beside_each_dimensions_change()
    {
        var programme = Programme("carry");
        var (first, _) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("Kiruna Stål AB"));
        var gaps = (await PlanAsync(first.Id, first.AccessToken)).Gaps;
        var doneGap = gaps[0];
        var openGap = gaps.First(g => g.Dimension != doneGap.Dimension);
        var toDo = await ActionAsync(await SendAsync(HttpMethod.Post, Plan(first.Id), first.AccessToken, Add(doneGap.QuestionId)), HttpStatusCode.Created);
        var open = await ActionAsync(await SendAsync(HttpMethod.Post, Plan(first.Id), first.AccessToken, Add(openGap.QuestionId, owner: "Säljchefen")), HttpStatusCode.Created);
        await ActionAsync(await SendAsync(HttpMethod.Put, $"{Plan(first.Id)}/{toDo.Id}", first.AccessToken, new JsonObject { ["status"] = "Done" }, toDo.Version), HttpStatusCode.OK);

        var second = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Kiruna Stål AB"), first);
        var view = await _sme.WaitForStatusAsync(second.Id, second.AccessToken);

        // The plan is the product's: the new assessment's token reaches it, both actions in it, the open one first.
        Assert.Equal([open.Id, toDo.Id], view.ActionPlan.Select(a => a.Id));
        Assert.Equal(view.ActionPlan.Select(a => a.Id).Order(), (await PlanAsync(second.Id, second.AccessToken)).Actions.Select(a => a.Id).Order());
        var done = Assert.Single(view.ActionsDone);
        Assert.Equal(doneGap.Dimension, done.Dimension);
        Assert.Equal([toDo.Id], done.Actions.Select(a => a.Id));
        var before = view.History.Single(h => h.Id == first.Id).Dimensions.Single(d => d.Id == doneGap.Dimension).Score;
        var after = view.Result!.Dimensions.Single(d => d.Id == doneGap.Dimension).Score;
        Assert.Equal((before, after), (done.Change!.Before, done.Change.After));

        // The first assessment has nothing before it to have done anything since.
        var original = await _sme.GetAssessmentAsync(first.Id, first.AccessToken);
        Assert.Equal(2, original!.ActionPlan.Count);
        Assert.Empty(original.ActionsDone);
    }

    [Fact]
    public async Task The_advisors_actions_export_has_one_row_per_action_with_its_company_and_programme()
    {
        var programme = Programme("csv");
        var (sme, _) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("=Luleå Kaffe AB"));
        var gap = (await PlanAsync(sme.Id, sme.AccessToken)).Gaps[0];
        var action = await ActionAsync(await SendAsync(HttpMethod.Post, Plan(sme.Id), sme.AccessToken, Add(gap.QuestionId, owner: "Eva, ekonomi", due: "2020-01-31")), HttpStatusCode.Created);

        var response = await _advisor.GetAsync("/api/reports/actions.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ActionPlanCsv.Columns), lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith(sme.Id + ",", StringComparison.Ordinal));
        Assert.Contains("'=Luleå Kaffe AB", row); // an SME's text never runs as a formula
        Assert.Contains($",{programme},{gap.QuestionId},{gap.Dimension},", row);
        Assert.Contains("\"Eva, ekonomi\",2020-01-31,Planned,true,", row); // past due and open: overdue
        Assert.EndsWith($",{action.CreatedBy},{action.FromAssessmentId},", row); // added by the SME from this assessment, not done

        using var asSme = new HttpRequestMessage(HttpMethod.Get, "/api/reports/actions.csv");
        asSme.Headers.Add(AssessmentHandlers.TokenHeader, sme.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.SendAsync(asSme)).StatusCode);
    }

    [Fact]
    public async Task The_result_pages_action_form_needs_the_pages_token_cookie_and_its_antiforgery_token()
    {
        var (sme, _) = await ScoredAsync(AssessmentBuilder.Mixed().InProgramme(Programme("form")));
        var gap = (await PlanAsync(sme.Id, sme.AccessToken)).Gaps[0].QuestionId;
        // A browser that shows each answer as it is: no redirects followed, cookies only as the test sends them.
        HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _sme.BaseAddress };
        using var opener = pipeline.App.CreateSessionClient();
        await opener.OpenResultAsync(sme.Id, sme.AccessToken);
        var tokenCookie = $"{SmePages.ResultTokenCookie(sme.Id)}={opener.Cookies[SmePages.ResultTokenCookie(sme.Id)]}";
        var fields = new Dictionary<string, string> { ["gap"] = gap, ["owner"] = "Mallory", ["dueDate"] = "2027-01-31" };
        async Task<HttpResponseMessage> PostAsync(string? cookies, Dictionary<string, string> form)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/result/{sme.Id}/actions?lang=en") { Content = new FormUrlEncodedContent(form) };
            if (cookies is not null) request.Headers.Add("Cookie", cookies);
            return await Browser().SendAsync(request);
        }

        // Without the page's cookie (a token in the body or query counts for nothing here), and without the antiforgery token.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(null, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(tokenCookie, fields)).StatusCode);
        Assert.Empty((await PlanAsync(sme.Id, sme.AccessToken)).Actions);

        // With both, as the page sends them: added, and back to the page.
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, $"/result/{sme.Id}?lang=en");
        pageRequest.Headers.Add("Cookie", tokenCookie);
        var page = await Browser().SendAsync(pageRequest);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-advisor_csrf=", StringComparison.Ordinal)).Split(';')[0];
        var field = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var added = await PostAsync($"{tokenCookie}; {antiforgeryCookie}", new(fields) { ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(field) });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/result/{sme.Id}?lang=en&plan=added#action-plan", added.Headers.Location!.OriginalString);
        Assert.Equal("Mallory", Assert.Single((await PlanAsync(sme.Id, sme.AccessToken)).Actions).Owner);
    }
}
