using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// Cross-site request forgery in the Function App, function by function: every HTTP function with a state-changing method
/// (read from its trigger attribute) refuses a request that a browser's cookie would authorize but that lacks the page's
/// antiforgery token, exactly as the local host does (its twin: StateChangeAntiforgeryTests).
/// </summary>
[Collection(FunctionAppCollection.Name)]
public class StateChangeAntiforgeryFunctionTests(FunctionAppFixture fixture)
{
    /// <summary>Submitting is anonymous, and an SME erases with its token in a header: no cookie authorizes anything there.</summary>
    private static readonly HashSet<(string Method, string Route)> NoAmbientCredential = [("POST", Routes.Assessments), ("DELETE", Routes.AssessmentProduct)];

    public static TheoryData<string, string> StateChangingRoutes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var (_, methods, route) in FunctionAppBrowser.HttpFunctions())
            foreach (var method in methods.Where(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
                routes.Add(method, route);
        return routes;
    }

    [Theory]
    [MemberData(nameof(StateChangingRoutes))]
    public async Task A_state_change_a_cookie_would_authorize_is_refused_without_the_pages_token(string method, string route)
    {
        var (id, token) = await ScoredAssessmentAsync();
        var actionId = await PlanActionAsync(id, token);
        var browser = new FunctionAppBrowser(fixture);
        if (route.StartsWith("result/", StringComparison.Ordinal))
        {
            // The link trades its token for the page's cookie; the page then gives the browser its antiforgery cookie.
            await browser.OpenResultAsync(id, token);
            await browser.SendAsync("GET", $"/result/{id}");
        }
        else if (route == Routes.AdvisorSignIn) await browser.SendAsync("GET", "/advisor/login");
        else await SignInAsync(browser);
        var path = "/" + route.Replace("{id}", id).Replace("{productId}", id).Replace("{actionId}", actionId);

        var http = await browser.SendAsync(method, path, BodyFor(route));

        var body = FunctionAppBrowser.Body(http);
        if (NoAmbientCredential.Contains((method, route)))
        {
            Assert.NotEqual(StatusCodes.Status200OK, http.Response.StatusCode);
            Assert.DoesNotContain(AdvisorAntiforgery.HeaderName, body);
            return;
        }
        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        if (route is Routes.AdvisorSignIn or Routes.AdvisorSignOut)
        {
            Assert.StartsWith("text/html", http.Response.ContentType);
            return;
        }
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Contains(AdvisorAntiforgery.HeaderName, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void The_cases_include_the_forms_and_apis_a_review_found_untested()
    {
        var cases = StateChangingRoutes().Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        Assert.Contains(("POST", Routes.ResultActions), cases);
        Assert.Contains(("PUT", Routes.PlannedAction), cases);
        Assert.Contains(("PUT", Routes.ProgrammeExtension), cases);
        Assert.Contains(("POST", Routes.ProductStages), cases);
    }

    private static HttpContent BodyFor(string route) => route switch
    {
        Routes.AdvisorSignIn => new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = FunctionCalls.AdvisorKey }),
        Routes.AdvisorSignOut or Routes.ResultActions or Routes.ResultAction or Routes.ResultOpen or Routes.ResultErase => new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Done" }),
        Routes.Batches or Routes.Validation or Routes.OutcomeSets => new StringContent(new BatchFileBuilder().Add(AssessmentBuilder.Mixed()).ToCsv(), Encoding.UTF8, "text/csv"),
        _ => new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    private async Task<(string Id, string Token)> ScoredAssessmentAsync()
    {
        var sme = new FunctionAppBrowser(fixture);
        var submitted = await sme.SendAsync("POST", "/api/assessments", new StringContent(AssessmentBuilder.Mixed().InProgramme("fa-csrf").ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(StatusCodes.Status202Accepted, submitted.Response.StatusCode);
        var accepted = JsonDocument.Parse(FunctionAppBrowser.Body(submitted)).RootElement;
        var id = accepted.GetProperty("id").GetString()!;
        // No Functions host here to deliver the message: the scoring function is called as it would be.
        await fixture.App.Function<Functions.ScoreAssessmentFunction>().ScoreAssessment(
            Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage("m", "p", BinaryData.FromString(JsonSerializer.Serialize(new { assessmentId = id })), 1), default);
        return (id, accepted.GetProperty("accessToken").GetString()!);
    }

    private async Task<string> PlanActionAsync(string id, string token)
    {
        var sme = new FunctionAppBrowser(fixture);
        var headers = new Dictionary<string, string> { [AssessmentHandlers.TokenHeader] = token };
        var plan = JsonDocument.Parse(FunctionAppBrowser.Body(await sme.SendAsync("GET", $"/api/assessments/{id}/actions", headers: headers))).RootElement;
        var gap = plan.GetProperty("gaps")[0].GetProperty("questionId").GetString();
        var added = await sme.SendAsync("POST", $"/api/assessments/{id}/actions", JsonContent.Create(new { gap, owner = "Anna Ek", dueDate = "2027-03-31" }), headers);
        Assert.Equal(StatusCodes.Status201Created, added.Response.StatusCode);
        return JsonDocument.Parse(FunctionAppBrowser.Body(added)).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Signs in on the sign-in form as a person would: the form's token, then the key.</summary>
    private static async Task SignInAsync(FunctionAppBrowser browser)
    {
        var token = FunctionAppBrowser.AntiforgeryToken(FunctionAppBrowser.Body(await browser.SendAsync("GET", "/advisor/login")));
        var signedIn = await browser.SendAsync("POST", "/advisor/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = FunctionCalls.AdvisorKey, [AdvisorAntiforgery.FormFieldName] = token,
        }));
        Assert.Equal(StatusCodes.Status302Found, signedIn.Response.StatusCode);
    }
}
