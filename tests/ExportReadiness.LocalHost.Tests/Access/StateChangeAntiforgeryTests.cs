using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.ActionPlans;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace ExportReadiness.LocalHost.Tests.Access;

/// <summary>
/// Cross-site request forgery, route by route: every state-changing route the local host maps (read from its endpoint
/// metadata, so a new route cannot slip past) refuses a request that a browser's cookie would authorize but that lacks the
/// page's antiforgery token: the advisor's session cookie for advisor and action-plan routes, the SME's page cookie for
/// the result page's forms. The one exception is named with its reason.
/// </summary>
[Collection(PipelineCollection.Name)]
public class StateChangeAntiforgeryTests(PipelineFixture pipeline)
{
    /// <summary>
    /// Submitting an assessment is anonymous: no cookie authorizes anything there (the SME's token travels in a header),
    /// so a forged submission is one anybody could send themselves. Erasing through the API takes the token from its header only.
    /// </summary>
    private static readonly HashSet<(string Method, string Route)> NoAmbientCredential = [("POST", Routes.Assessments), ("DELETE", Routes.AssessmentProduct)];

    public static TheoryData<string, string> StateChangingRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.AddExportReadiness();
        var app = builder.Build();
        app.MapExportReadiness();
        var routes = new TheoryData<string, string>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) routes.Add(method.ToUpperInvariant(), endpoint.RoutePattern.RawText!.TrimStart('/'));
        return routes;
    }

    [Fact]
    public void The_routes_include_every_kind_of_state_change_the_app_has()
    {
        var routes = StateChangingRoutes().Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        Assert.Superset(new HashSet<(string, string)>
        {
            ("PUT", Routes.Review), ("POST", Routes.ProductStages), ("PUT", Routes.ProgrammeExtension), ("POST", Routes.ActionPlan),
            ("PUT", Routes.PlannedAction), ("POST", Routes.ResultActions), ("POST", Routes.ResultAction), ("POST", Routes.Batches),
            ("POST", Routes.Rescore), ("POST", Routes.AdvisorSignIn), ("POST", Routes.AdvisorSignOut), ("POST", Routes.Assessments),
            ("POST", Routes.OutcomeSets), ("DELETE", Routes.OutcomeSet),
        }, routes);
    }

    [Theory]
    [MemberData(nameof(StateChangingRoutes))]
    public async Task A_state_change_a_cookie_would_authorize_is_refused_without_the_pages_token(string method, string route)
    {
        var sme = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme($"csrf-{Guid.NewGuid():N}"[..20]));
        await pipeline.App.CreateClient().WaitForStatusAsync(sme.Id, sme.AccessToken);
        var actionId = await PlanActionAsync(sme);
        using var browser = pipeline.App.CreateSessionClient();
        // The browser holds what the page gave it: the SME's page cookie, or the advisor's session; and the antiforgery cookie.
        if (route.StartsWith("result/", StringComparison.Ordinal)) await browser.OpenResultAsync(sme.Id, sme.AccessToken);
        else if (route == Routes.AdvisorSignIn) await browser.GetAsync("/advisor/login");
        else await browser.SignInAsync();
        var url = "/" + route.Replace("{id}", sme.Id).Replace("{productId}", sme.Id).Replace("{actionId}", actionId);

        var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = BodyFor(route) });

        if (NoAmbientCredential.Contains((method, route)))
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(AdvisorAntiforgery.HeaderName, await response.Content.ReadAsStringAsync());
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (route is Routes.AdvisorSignIn or Routes.AdvisorSignOut)
        {
            // The sign-in form is for people: they are told on the page, and nobody's session started or ended.
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(route == Routes.AdvisorSignOut ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/assessments?pageSize=1")).StatusCode);
            return;
        }
        Assert.Contains(AdvisorAntiforgery.HeaderName, (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    /// <summary>A body each route would take if the token were there: a form for forms, CSV for files, JSON for the API.</summary>
    private static HttpContent BodyFor(string route) => route switch
    {
        Routes.AdvisorSignIn => new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = ExportReadinessApplication.AdvisorKey }),
        Routes.AdvisorSignOut or Routes.ResultActions or Routes.ResultAction or Routes.ResultOpen or Routes.ResultErase => new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Done" }),
        Routes.Batches or Routes.Validation or Routes.OutcomeSets => new StringContent(new BatchFileBuilder().Add(AssessmentBuilder.Mixed()).ToCsv(), Encoding.UTF8, "text/csv"),
        _ => new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    /// <summary>An action in the product's plan, so routes naming one reach their antiforgery check.</summary>
    private async Task<string> PlanActionAsync(Application.Assessments.SubmissionAccepted sme)
    {
        var client = pipeline.App.CreateClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{sme.Id}/actions");
        read.Headers.Add(Application.Assessments.AssessmentHandlers.TokenHeader, sme.AccessToken);
        var plan = (await (await client.SendAsync(read)).Content.ReadFromJsonAsync<ActionPlanView>(PipelineClient.Json))!;
        using var add = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{sme.Id}/actions")
        {
            Content = JsonContent.Create(new { gap = plan.Gaps[0].QuestionId, owner = "Anna Ek", dueDate = "2027-03-31" }),
        };
        add.Headers.Add(Application.Assessments.AssessmentHandlers.TokenHeader, sme.AccessToken);
        var added = await client.SendAsync(add);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }
}
