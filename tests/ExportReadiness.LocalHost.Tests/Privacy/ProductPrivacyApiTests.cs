using System.Net;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Application.Pages;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests.Privacy;

/// <summary>A product's data downloaded and erased through the API and the result page, by its SME and by advisors, on the running host.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ProductPrivacyApiTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private static string Programme(string name) => Unique.Programme($"gdpr-{name}");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Add(AssessmentHandlers.TokenHeader, token);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await (client ?? _sme).SendAsync(request);
    }

    /// <summary>A scored product re-assessed once, with a review, a stage move and an action: something of every kind.</summary>
    private async Task<(SubmissionAccepted First, SubmissionAccepted Second, string Company)> ProductAsync(string programme)
    {
        var company = $"Integritet {Guid.NewGuid():N} AB";
        var first = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named(company));
        await _sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var second = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named(company), first);
        await _sme.WaitForStatusAsync(second.Id, second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/api/assessments/{first.Id}/review", null,
            new { verdict = "NotYet", note = "Internt: svag marknadsplan", messageToSme = "Börja med marknaden" }, _advisor)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/api/products/{first.Id}/stages", null,
            new { stage = "selected", date = PipelineClient.TodayAfterwards().ToString("yyyy-MM-dd"), note = "urval" }, _advisor)).StatusCode);
        var gap = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, $"/api/assessments/{second.Id}/actions", second.AccessToken)).Content.ReadAsStringAsync())
            .RootElement.GetProperty("gaps")[0].GetProperty("questionId").GetString();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/api/assessments/{second.Id}/actions", second.AccessToken,
            new { gap, owner = "Eva Ek, vd", dueDate = "2027-06-30" })).StatusCode);
        return (first, second, company);
    }

    [Fact]
    public async Task The_token_holder_downloads_everything_stored_about_its_product_as_one_attachment_and_nobody_else_can()
    {
        var (first, second, company) = await ProductAsync(Programme("export"));

        var response = await SendAsync(HttpMethod.Get, $"/api/assessments/{second.Id}/export", second.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var raw = await response.Content.ReadAsStringAsync();
        var document = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(first.Id, document.GetProperty("productId").GetString());
        var assessments = document.GetProperty("assessments").EnumerateArray().ToList();
        Assert.Equal([first.Id, second.Id], assessments.Select(a => a.GetProperty("assessment").GetProperty("id").GetString()));
        Assert.All(assessments, a => Assert.Equal(company, a.GetProperty("submission").GetProperty("company").GetProperty("name").GetString()));
        Assert.Equal("Internt: svag marknadsplan", assessments[0].GetProperty("review").GetProperty("note").GetString());
        Assert.Single(assessments[0].GetProperty("reviewHistory").EnumerateArray());
        Assert.NotNull(assessments[1].GetProperty("assessment").GetProperty("result").GetProperty("modelVersion").GetString());
        Assert.Equal("selected", Assert.Single(document.GetProperty("stageMoves").EnumerateArray()).GetProperty("stage").GetString());
        Assert.Equal("Eva Ek, vd", Assert.Single(document.GetProperty("actionPlan").EnumerateArray()).GetProperty("owner").GetString());
        Assert.DoesNotContain("accessTokenHash", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AccessToken.Hash(second.AccessToken), raw, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken.Hash(first.AccessToken), raw, StringComparison.Ordinal);

        // An advisor reads the same; a wrong token, another product's token and an unknown id are alike 404.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/assessments/{first.Id}/export", null, client: _advisor)).StatusCode);
        var other = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(Programme("export")));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/assessments/{second.Id}/export", other.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/assessments/{second.Id}/export", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/assessments/{Guid.CreateVersion7()}/export", second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task The_token_holder_erases_its_product_a_replay_answers_the_same_record_and_nothing_brings_it_back()
    {
        var (first, second, _) = await ProductAsync(Programme("erase"));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/assessments/{second.Id}/product", "not-the-token")).StatusCode);

        var erased = await SendAsync(HttpMethod.Delete, $"/api/assessments/{second.Id}/product", second.AccessToken);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var record = JsonDocument.Parse(await erased.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(first.Id, record.GetProperty("productId").GetString());
        Assert.Equal(ErasureReasons.Sme, record.GetProperty("erasedBy").GetString());
        var removed = record.GetProperty("removed");
        Assert.Equal(2, removed.GetProperty(ErasedKinds.Assessments).GetInt32());
        Assert.Equal(1, removed.GetProperty(ErasedKinds.Actions).GetInt32());
        Assert.Equal(1, removed.GetProperty(ErasedKinds.StageMoves).GetInt32());
        Assert.Equal(2, removed.GetProperty(ErasedKinds.Submissions).GetInt32());

        // Replayed, with either assessment's token: the same record.
        foreach (var (id, token) in new[] { (second.Id, second.AccessToken), (first.Id, first.AccessToken) })
        {
            var again = await SendAsync(HttpMethod.Delete, $"/api/assessments/{id}/product", token);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(record.ToString(), JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.ToString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/assessments/{second.Id}/product", first.AccessToken)).StatusCode);

        // Gone for the SME and advisors alike, and no write about it is taken.
        Assert.Null(await _sme.GetAssessmentAsync(first.Id, first.AccessToken));
        Assert.Null(await _sme.GetAssessmentAsync(second.Id, second.AccessToken));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/products/{first.Id}", null, client: _advisor)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _sme.ReassessAsync(AssessmentBuilder.Mixed(), second.Id, second.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Put, $"/api/assessments/{first.Id}/review", null, new { verdict = "ExportReady" }, _advisor)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/products/{first.Id}/stages", null,
            new { stage = "exporting", date = PipelineClient.TodayAfterwards().ToString("yyyy-MM-dd") }, _advisor)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/assessments/{second.Id}/actions", second.AccessToken,
            new { gap = "x", owner = "Eva", dueDate = "2027-06-30" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/assessments/{second.Id}/export", second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task An_advisor_erases_a_product_or_every_product_of_a_company_by_its_exact_name_and_is_recorded()
    {
        var programme = Programme("advisor");
        var (product, _, _) = await ProductAsync(programme);
        var erased = await SendAsync(HttpMethod.Delete, $"/api/products/{product.Id}", null, client: _advisor);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var record = JsonDocument.Parse(await erased.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ExportReadinessApplication.AdvisorName, record.GetProperty("erasedBy").GetString());
        Assert.Equal(ErasureReasons.AdvisorRequest, record.GetProperty("reason").GetString());
        var again = await SendAsync(HttpMethod.Delete, $"/api/products/{product.Id}", null, client: _advisor);
        Assert.Equal(record.ToString(), JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/products/{Guid.CreateVersion7()}", null, client: _advisor)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Delete, $"/api/products/{product.Id}", null)).StatusCode);

        // A company: its two products, whatever the case and spaces; a company whose name only starts the same is left.
        var company = $"Bolaget {Guid.NewGuid():N}";
        var one = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named(company + " AB"));
        var two = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named((company + " ab").ToUpperInvariant()));
        var kept = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named(company + " AB Holding"));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, "/api/erasures", null, new { companyName = " " }, _advisor)).StatusCode);
        Assert.Equal("companyName", (await (await SendAsync(HttpMethod.Post, "/api/erasures", null, new { name = company }, _advisor)).ProblemAsync())
            .GetProperty("errors").EnumerateObject().Single().Name);

        var byCompany = await SendAsync(HttpMethod.Post, "/api/erasures", null, new { companyName = $"  {company} ab " }, _advisor);

        Assert.Equal(HttpStatusCode.OK, byCompany.StatusCode);
        var erasures = JsonDocument.Parse(await byCompany.Content.ReadAsStringAsync()).RootElement.GetProperty("erasures").EnumerateArray().ToList();
        Assert.Equal(new[] { one.Id, two.Id }.Order(), erasures.Select(e => e.GetProperty("productId").GetString()).Order());
        Assert.All(erasures, e => Assert.Equal(ErasureReasons.CompanyRequest, e.GetProperty("reason").GetString()));
        Assert.Null(await _sme.GetAssessmentAsync(one.Id, one.AccessToken));
        Assert.Null(await _sme.GetAssessmentAsync(two.Id, two.AccessToken));
        Assert.NotNull(await _sme.GetAssessmentAsync(kept.Id, kept.AccessToken));
    }

    [Fact]
    public async Task The_result_page_downloads_the_data_and_erases_it_after_a_confirmation_without_script()
    {
        var (first, second, company) = await ProductAsync(Programme("page"));
        using var browser = pipeline.App.CreateSessionClient();
        await browser.OpenResultAsync(second.Id, second.AccessToken, "en");
        var page = await (await browser.GetAsync($"/result/{second.Id}?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/result/{second.Id}/export\"", page);
        Assert.Contains("Download our data", page);
        Assert.Contains("Erase our data", page);

        var download = await browser.GetAsync($"/result/{second.Id}/export");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains(company, await download.Content.ReadAsStringAsync());
        // Without the page's cookie: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await _sme.GetAsync($"/result/{second.Id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sme.GetAsync($"/result/{second.Id}/erase")).StatusCode);

        var confirm = await (await browser.GetAsync($"/result/{second.Id}/erase?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("This cannot be undone", confirm);
        // Without the page's antiforgery token the post erases nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync($"/result/{second.Id}/erase?lang=en", new Dictionary<string, string>())).StatusCode);
        Assert.NotNull(await _sme.GetAssessmentAsync(second.Id, second.AccessToken));

        var fields = new Dictionary<string, string> { [Application.Access.AdvisorAntiforgery.FormFieldName] = await browser.TokenFromAsync($"/result/{second.Id}/erase?lang=en") };
        var done = await browser.PostFormAsync($"/result/{second.Id}/erase?lang=en", fields);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var landing = await done.Content.ReadAsStringAsync();
        Assert.Contains("The data has been erased", landing);
        Assert.Contains("Removed: 2 assessments", landing);
        Assert.Null(await _sme.GetAssessmentAsync(first.Id, first.AccessToken));
        // Posted again (a reload): the same confirmation.
        var reloaded = await browser.PostFormAsync($"/result/{second.Id}/erase?lang=en", fields);
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Contains("Removed: 2 assessments", await reloaded.Content.ReadAsStringAsync());
    }
}
