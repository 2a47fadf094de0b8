using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Application.Privacy;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests.Privacy;

/// <summary>The access log on the real app: who read or changed a product, through which operation, with nothing of its data.</summary>
[Collection(PipelineCollection.Name)]
public class AccessLogTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();
    private readonly HttpClient _otherAdvisor = pipeline.App.CreateAdvisorClient(ExportReadinessApplication.OtherAdvisorKey);

    private async Task<AccessLogView> LogAsync(string productId)
    {
        var response = await _advisor.GetAsync($"/api/products/{productId}/access-log");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AccessLogView>(PipelineClient.Json))!;
    }

    private static HttpRequestMessage WithToken(HttpMethod method, string url, string token, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Add(AssessmentHandlers.TokenHeader, token);
        return request;
    }

    [Fact]
    public async Task Every_advisor_read_and_every_change_of_a_product_is_logged_with_who_and_how_and_nothing_of_its_data()
    {
        var builder = AssessmentBuilder.Strong().Named("Kanotleden i Kronoberg AB").WithGapsIn(QuestionnaireSchema.V1.Questions.First(q => q.AppliesTo is null).Id).InProgramme(Unique.Programme("access-log"));
        var sme = await _sme.SubmitAsync(builder);
        await _sme.WaitForStatusAsync(sme.Id, sme.AccessToken);
        Assert.Empty((await LogAsync(sme.Id)).Entries); // the SME reading its own result is not an access to log

        Assert.Equal(HttpStatusCode.OK, (await _advisor.GetAsync($"/api/assessments/{sme.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _otherAdvisor.GetAsync($"/advisor/assessments/{sme.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _advisor.GetAsync($"/api/products/{sme.Id}")).StatusCode);
        var moved = await _otherAdvisor.PostJsonAsync($"/api/products/{sme.Id}/stages", JsonSerializer.Serialize(new { stage = "selected", date = "2026-03-02" }));
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        var gaps = await _sme.SendAsync(WithToken(HttpMethod.Get, $"/api/assessments/{sme.Id}/actions", sme.AccessToken));
        var gap = JsonDocument.Parse(await gaps.Content.ReadAsStringAsync()).RootElement.GetProperty("gaps")[0].GetProperty("questionId").GetString()!;
        var added = await _sme.SendAsync(WithToken(HttpMethod.Post, $"/api/assessments/{sme.Id}/actions", sme.AccessToken,
            new JsonObject { ["gap"] = gap, ["owner"] = "Karin Ek, vd", ["dueDate"] = "2027-03-31" }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var log = await LogAsync(sme.Id);

        // Newest first: the SME's change, the move, the product read, the other advisor's page, the first read.
        Assert.Equal(
            [("sme", "Change", $"POST /api/assessments/{sme.Id}/actions"),
             (ExportReadinessApplication.OtherAdvisorName, "Change", $"POST /api/products/{sme.Id}/stages"),
             (ExportReadinessApplication.AdvisorName, "Read", $"GET /api/products/{sme.Id}"),
             (ExportReadinessApplication.OtherAdvisorName, "Read", $"GET /advisor/assessments/{sme.Id}"),
             (ExportReadinessApplication.AdvisorName, "Read", $"GET /api/assessments/{sme.Id}")],
            log.Entries.Select(e => (e.Actor, e.Kind, e.Operation)));
        Assert.True(log.Entries.Zip(log.Entries.Skip(1)).All(p => p.First.At >= p.Second.At));
        Assert.False(log.Capped);
        var stored = JsonSerializer.Serialize(log);
        Assert.DoesNotContain(sme.AccessToken, stored);
        Assert.DoesNotContain("Karin Ek", stored);
        Assert.DoesNotContain("Kanotleden", stored);
    }

    [Fact]
    public async Task An_export_over_many_products_is_logged_once_with_its_filters_and_the_log_is_for_advisors_only()
    {
        var programme = Unique.Programme("access-export");
        var sme = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme));
        var export = await _advisor.GetAsync($"/api/reports/portfolio.csv?programme={programme}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await export.Content.ReadAsStringAsync();

        // One entry for the whole export, as every product (*), scoped by its filters, by the advisor who took it.
        var table = pipeline.App.Storage.Table(ExportReadiness.Storage.StorageNames.AccessLogTable);
        var rows = await table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.RowKey.CompareTo("*|") >= 0 && e.RowKey.CompareTo("*}") < 0)
            .Where(e => e.GetString("Scope") == $"?programme={programme}").ToListAsync();
        var entry = Assert.Single(rows);
        Assert.Equal(ExportReadinessApplication.AdvisorName, entry.GetString("Actor"));
        Assert.Equal("Export", entry.GetString("Kind"));
        Assert.Equal("GET /api/reports/portfolio.csv", entry.GetString("Operation"));
        // ...and never answered as a product's log.
        Assert.Empty((await LogAsync("*")).Entries);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.GetAsync($"/api/products/{sme.Id}/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.SendAsync(WithToken(HttpMethod.Get, $"/api/products/{sme.Id}/access-log", sme.AccessToken))).StatusCode);
        // A product never seen has an empty log, as an erased one keeps its entries: the answer says nothing of which exist.
        Assert.Empty((await LogAsync(Guid.NewGuid().ToString("N"))).Entries);
    }
}
