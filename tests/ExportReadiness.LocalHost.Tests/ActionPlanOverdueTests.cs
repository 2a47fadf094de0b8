using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>"Overdue" means the same on every page and in the export: past due by the app's own clock.</summary>
[Collection(PipelineCollection.Name)]
public class ActionPlanOverdueTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task An_action_past_its_due_date_by_the_apps_clock_is_overdue_on_the_result_page_and_in_the_export()
    {
        // A month after the action was due: far from the real date, so only the app's clock can make it overdue.
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 7, 1, 12, 0, 0, TimeSpan.Zero));
        await using var app = new ExportReadinessApplication(pipeline.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["ExportReadiness:Standalone"] = "false" }, clock: clock);
        var sme = app.CreateClient();
        var accepted = await sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme($"overdue-{Guid.NewGuid():N}"[..20]));
        // The shared pipeline's worker scores it; this app only serves the pages.
        await sme.WaitForStatusAsync(accepted.Id, accepted.AccessToken);
        var gap = (await GapsAsync(sme, accepted)).First();
        using (var add = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{accepted.Id}/actions"))
        {
            add.Headers.Add(AssessmentHandlers.TokenHeader, accepted.AccessToken);
            add.Content = new StringContent(new JsonObject { ["gap"] = gap, ["owner"] = "Anna Ek", ["dueDate"] = "2031-06-01" }.ToJsonString(), Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await sme.SendAsync(add)).StatusCode);
        }

        var page = await ResultPageAsync(app, accepted);
        var csv = await app.CreateAdvisorClient().GetStringAsync("/api/reports/actions.csv");

        Assert.Contains("<span class=\"overdue\">overdue</span>", page);
        var row = Assert.Single(csv.Split("\r\n"), line => line.StartsWith(accepted.Id + ",", StringComparison.Ordinal));
        Assert.Contains(",2031-06-01,Planned,true,", row);
    }

    private static async Task<IEnumerable<string>> GapsAsync(HttpClient sme, SubmissionAccepted accepted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{accepted.Id}/actions");
        request.Headers.Add(AssessmentHandlers.TokenHeader, accepted.AccessToken);
        var plan = JsonNode.Parse(await (await sme.SendAsync(request)).Content.ReadAsStringAsync())!;
        return plan["gaps"]!.AsArray().Select(g => (string)g!["questionId"]!);
    }

    /// <summary>The result page as the SME's browser gets it: the link trades the token for the page's cookie.</summary>
    private static async Task<string> ResultPageAsync(ExportReadinessApplication app, SubmissionAccepted accepted)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true }) { BaseAddress = app.ClientOptions.BaseAddress };
        var response = await browser.GetAsync($"/result/{accepted.Id}?token={accepted.AccessToken}&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
