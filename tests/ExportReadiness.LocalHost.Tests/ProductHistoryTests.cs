using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>Following a product over time through the API: re-assessments linked by token, history per product, and access kept per product.</summary>
[Collection(PipelineCollection.Name)]
public class ProductHistoryTests(PipelineFixture pipeline)
{
    private readonly HttpClient _sme = pipeline.App.CreateClient();
    private readonly HttpClient _advisor = pipeline.App.CreateAdvisorClient();

    private static string Programme(string name) => Unique.Programme($"history-{name}");

    [Fact]
    public async Task A_reassessment_proven_by_the_earlier_token_joins_its_product_and_its_answer_lists_the_earlier_scores()
    {
        var programme = Programme("link");
        var first = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named("Vimmerby Trä AB"));
        await _sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var second = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Vimmerby Trä AB"), first);
        var third = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Vimmerby Trä AB"), second);

        // The newest token alone reaches the whole history: the submissions are one product.
        var latest = await _sme.WaitForStatusAsync(third.Id, third.AccessToken);
        Assert.Equal(first.Id, latest.ProductId);
        Assert.Equal(second.Id, latest.PreviousAssessmentId);
        Assert.Equal([first.Id, second.Id], latest.History.Select(h => h.Id));
        var earliest = latest.History[0];
        Assert.Equal(AssessmentStatus.Scored, earliest.Status);
        Assert.NotNull(earliest.ReadinessScore);
        Assert.NotNull(earliest.Level);
        Assert.NotEmpty(earliest.Dimensions);
        Assert.True(latest.Result!.ReadinessScore > earliest.ReadinessScore, "strong answers score above weak ones");

        // The first assessment is its own product, with nothing before it.
        var original = await _sme.GetAssessmentAsync(first.Id, first.AccessToken);
        Assert.Equal(first.Id, original!.ProductId);
        Assert.Null(original.PreviousAssessmentId);
        Assert.Empty(original.History);
    }

    [Fact]
    public async Task An_advisor_sees_a_products_whole_history_and_an_sme_token_does_not_open_the_product_route()
    {
        var programme = Programme("advisor");
        var first = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme));
        await _sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var second = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Mixed().InProgramme(programme), first);
        await _sme.WaitForStatusAsync(second.Id, second.AccessToken);

        var product = await _advisor.GetFromJsonAsync<ProductView>($"/api/products/{first.Id}", PipelineClient.Json);
        Assert.Equal(first.Id, product!.ProductId);
        Assert.Equal([first.Id, second.Id], product.Assessments.Select(a => a.Id));
        Assert.All(product.Assessments, a => Assert.NotNull(a.ReadinessScore));
        // The advisor's view of the later assessment carries the same history as the SME's.
        var detail = await _advisor.GetAssessmentAsync(second.Id, null);
        Assert.Equal([first.Id], detail!.History.Select(h => h.Id));

        using var asSme = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{first.Id}");
        asSme.Headers.Add(AssessmentHandlers.TokenHeader, first.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _sme.SendAsync(asSme)).StatusCode);
        var unknown = await _advisor.GetAsync($"/api/products/{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await unknown.ProblemAsync();
    }

    [Fact]
    public async Task An_sme_with_one_products_token_gets_404_on_another_products_history_and_cannot_link_to_it()
    {
        var programme = Programme("isolation");
        var mine = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("A AB"));
        var theirs = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("B AB"));
        var theirLater = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("B AB"), theirs);

        // Reading: B's assessments, and so their history, are 404 with A's token, as for an unknown id.
        foreach (var id in new[] { theirs.Id, theirLater.Id })
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{id}");
            read.Headers.Add(AssessmentHandlers.TokenHeader, mine.AccessToken);
            Assert.Equal(HttpStatusCode.NotFound, (await _sme.SendAsync(read)).StatusCode);
        }

        // Linking: to B with A's token, with no token, or to an unknown id, is a 400 naming previousAssessmentId, and nothing is stored.
        foreach (var (previous, token) in new[] { (theirs.Id, mine.AccessToken), (theirs.Id, (string?)null), (Guid.NewGuid().ToString("N"), mine.AccessToken) })
        {
            var refused = await _sme.ReassessAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("A AB"), previous, token);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.ProblemAsync();
            Assert.True(problem.GetProperty("errors").TryGetProperty(AssessmentHandlers.PreviousAssessmentField, out _));
        }
        var theirProduct = await _advisor.GetFromJsonAsync<ProductView>($"/api/products/{theirs.Id}", PipelineClient.Json);
        Assert.Equal([theirs.Id, theirLater.Id], theirProduct!.Assessments.Select(a => a.Id));

        // A's own later assessment does not see B's either.
        var myLater = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("A AB"), mine);
        var view = await _sme.GetAssessmentAsync(myLater.Id, myLater.AccessToken);
        Assert.Equal([mine.Id], view!.History.Select(h => h.Id));
    }

    [Fact]
    public async Task A_previous_assessment_id_that_is_not_a_string_is_refused_naming_the_field()
    {
        var body = AssessmentBuilder.Mixed().InProgramme(Programme("type")).ToJson();
        body[AssessmentHandlers.PreviousAssessmentField] = JsonValue.Create(42);
        var response = await _sme.PostJsonAsync("/api/assessments", body.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(AssessmentHandlers.PreviousAssessmentField, out _));
    }

    [Fact]
    public async Task The_portfolio_report_and_its_csv_follow_a_product_over_time()
    {
        var programme = Programme("portfolio");
        var first = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named("Kosta Glas AB"));
        await _sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var second = await _sme.ReassessAcceptedAsync(AssessmentBuilder.Strong().InProgramme(programme).Named("Kosta Glas AB"), first);
        var other = await _sme.SubmitAsync(AssessmentBuilder.Mixed().InProgramme(programme).Named("Orrefors Ljus AB"));
        var before = (await _sme.WaitForStatusAsync(first.Id, first.AccessToken)).Result!.ReadinessScore;
        var after = (await _sme.WaitForStatusAsync(second.Id, second.AccessToken)).Result!.ReadinessScore;
        await _sme.WaitForStatusAsync(other.Id, other.AccessToken);

        var report = await _advisor.GetFromJsonAsync<JsonObject>($"/api/reports/portfolio?programme={programme}", PipelineClient.Json);
        var progress = report!["progress"]!;
        Assert.Equal(2, (int)progress["products"]!);
        Assert.Equal(1, (int)progress["reassessed"]!);
        Assert.Equal(1, (int)progress["improved"]!);
        Assert.Equal(after - before, (double)progress["averageChange"]!);

        // The export carries each row's product and the assessment it re-assesses, so a spreadsheet can group by product.
        var lines = System.Text.Encoding.UTF8.GetString(await _advisor.GetByteArrayAsync($"/api/reports/portfolio.csv?programme={programme}"))
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[Array.IndexOf(header, "id")]);
        int product = Array.IndexOf(header, "productId"), previous = Array.IndexOf(header, "previousAssessmentId");
        Assert.Equal((first.Id, ""), (rows[first.Id][product], rows[first.Id][previous]));
        Assert.Equal((first.Id, first.Id), (rows[second.Id][product], rows[second.Id][previous]));
        Assert.Equal((other.Id, ""), (rows[other.Id][product], rows[other.Id][previous]));
    }

    [Fact]
    public async Task A_batch_row_naming_a_product_re_assesses_it_and_one_naming_an_unknown_product_is_rejected_by_line()
    {
        var programme = Programme("batch");
        var first = await _sme.SubmitAsync(AssessmentBuilder.Weak().InProgramme(programme).Named("Ljungby Möbler AB"));
        await _sme.WaitForStatusAsync(first.Id, first.AccessToken);
        var csv = new BatchFileBuilder()
            .Add(AssessmentBuilder.Strong().InProgramme(programme).Named("Ljungby Möbler AB"), row => row["productId"] = first.Id) // line 2
            .Add(AssessmentBuilder.Mixed().InProgramme(programme).Named("Okänd AB"), row => row["productId"] = "no-such-product")  // line 3
            .Add(AssessmentBuilder.Mixed().InProgramme(programme).Named("Ny Produkt AB"))                                          // line 4
            .ToCsv();
        var upload = await _advisor.PostAsync($"/api/batches?programme={programme}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var batchId = (await upload.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        JsonObject batch;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            await Task.Delay(200);
            batch = (await _advisor.GetFromJsonAsync<JsonObject>($"/api/batches/{batchId}"))!;
        }
        while ((int)batch["scored"]! < 2 && DateTime.UtcNow < deadline);
        Assert.Equal((2, 1), ((int)batch["accepted"]!, (int)batch["rejected"]!));
        var rejection = batch["rejections"]![0]!;
        Assert.Equal(3, (int)rejection["line"]!);
        Assert.Equal("productId: no product or assessment with id 'no-such-product'.", (string)rejection["reason"]!);

        // Line 2 is the product's second assessment; line 4, naming none, is a product of its own.
        var product = await _advisor.GetFromJsonAsync<ProductView>($"/api/products/{first.Id}", PipelineClient.Json);
        Assert.Equal(2, product!.Assessments.Count);
        var reassessment = await _advisor.GetAssessmentAsync(product.Assessments[1].Id, null);
        Assert.Equal((first.Id, first.Id), (reassessment!.ProductId, reassessment.PreviousAssessmentId));
        Assert.True(reassessment.Result!.ReadinessScore > product.Assessments[0].ReadinessScore);
    }
}
