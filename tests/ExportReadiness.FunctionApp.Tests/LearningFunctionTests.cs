using System.Net;
using System.Reflection;
using System.Text;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>Outcome sets and the model card in the Function App: the same handlers as the local host, advisors only, against Azurite.</summary>
[Collection(FunctionAppCollection.Name)]
public class LearningFunctionTests(FunctionAppFixture fixture)
{
    private const string Key = FunctionCalls.AdvisorKey;

    private static MethodInfo Method(string name) => FunctionCalls.Method<LearningFunctions>(name);

    private DefaultHttpContext CsvRequest(string csv, string query)
    {
        var http = fixture.Request("POST", "/api/outcome-sets", Key, query: query);
        http.Request.ContentType = "text/csv";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return http;
    }

    [Fact]
    public async Task An_advisor_keeps_lists_and_removes_an_outcome_set_through_the_functions()
    {
        var functions = fixture.App.Function<LearningFunctions>();
        var csv = OutcomeFileBuilder.BatchCsv(OutcomeFileBuilder.Rows(OutcomeFileBuilder.DifferentFromPrior, 12, seed: 91));
        var add = CsvRequest(csv, "?name=Function%20app%20set&source=Test&definition=Exported%20within%20a%20year&date=2025-01-31");

        Assert.True(await fixture.InvokeAsync(Method(nameof(LearningFunctions.AddOutcomeSet)), add, () => functions.AddOutcomeSet(add.Request, default)));
        Assert.Equal((int)HttpStatusCode.Created, add.Response.StatusCode);
        var id = add.Body().GetProperty("id").GetString()!;
        Assert.Equal("Karin Ek", add.Body().GetProperty("uploadedBy").GetString());

        var list = fixture.Request("GET", "/api/outcome-sets", Key);
        Assert.True(await fixture.InvokeAsync(Method(nameof(LearningFunctions.ListOutcomeSets)), list, () => functions.ListOutcomeSets(list.Request, default)));
        Assert.Contains(list.Body().EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        var remove = fixture.Request("DELETE", $"/api/outcome-sets/{id}", Key);
        Assert.True(await fixture.InvokeAsync(Method(nameof(LearningFunctions.RemoveOutcomeSet)), remove, () => functions.RemoveOutcomeSet(remove.Request, id, default)));
        Assert.Equal((int)HttpStatusCode.NoContent, remove.Response.StatusCode);
        var gone = fixture.Request("GET", $"/api/outcome-sets/{id}", Key);
        Assert.True(await fixture.InvokeAsync(Method(nameof(LearningFunctions.GetOutcomeSet)), gone, () => functions.GetOutcomeSet(gone.Request, id, default)));
        Assert.Equal((int)HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task The_model_card_answers_an_advisor_with_the_prior_it_starts_from_and_refuses_anyone_else()
    {
        var functions = fixture.App.Function<LearningFunctions>();
        var refused = fixture.Request("GET", "/api/model/card");
        Assert.False(await fixture.InvokeAsync(Method(nameof(LearningFunctions.ModelCard)), refused, () => functions.ModelCard(refused.Request, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.Response.StatusCode);

        var card = fixture.Request("GET", "/api/model/card", Key);
        Assert.True(await fixture.InvokeAsync(Method(nameof(LearningFunctions.ModelCard)), card, () => functions.ModelCard(card.Request, default)));
        Assert.Equal((int)HttpStatusCode.OK, card.Response.StatusCode);
        var body = card.Body();
        Assert.False(body.GetProperty("learnedFromRealLabels").GetBoolean());
        Assert.Equal(Core.Training.SyntheticPrior.Version, body.GetProperty("trainedOn").GetProperty("priorVersion").GetString());
        Assert.True(body.GetProperty("syntheticHeldOut").GetProperty("rows").GetInt32() > 0);
        Assert.Equal(0, body.GetProperty("monotonicity").GetProperty("violations").GetInt32());

        var pages = fixture.App.Function<AdvisorPageFunctions>();
        var page = fixture.Request("GET", "/advisor/model", Key, query: "?lang=en");
        Assert.True(await fixture.InvokeAsync(FunctionCalls.Method<AdvisorPageFunctions>(nameof(AdvisorPageFunctions.AdvisorModelCard)), page, () => pages.AdvisorModelCard(page.Request, default)));
        Assert.Equal((int)HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("The model is the prior", new StreamReader(page.Response.Body, Encoding.UTF8).ReadToEnd());
    }
}
