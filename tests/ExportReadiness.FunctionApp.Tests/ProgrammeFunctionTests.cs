using System.Net;
using System.Reflection;
using ExportReadiness.Core.Programmes;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The programme functions in the Function App: who may call them, and the catalogue and its extension end to end against Azurite.</summary>
[Collection(FunctionAppCollection.Name)]
public class ProgrammeFunctionTests(FunctionAppFixture fixture)
{
    private static MethodInfo Method<T>(string name) => typeof(T).GetMethod(name)!;

    private static string Extension(string id) => $$"""
        {"schemaVersion": 1, "programmes": [{
          "id": "{{id}}", "name": {"sv": "Testprogram", "en": "Test programme"}, "provider": {"sv": "Testaktör", "en": "Test actor"},
          "kind": "grant", "description": {"sv": "Bidrag.", "en": "A grant."}, "dimensions": ["finance"], "questions": ["fin_payment_risk"],
          "sectors": ["all"], "regions": ["SE-H"], "s3Area": "none", "url": "https://example.org/{{id}}",
          "sources": [{"url": "https://example.org/{{id}}", "says": "What the page says.", "accessed": "2026-11-25"}]}]}
        """;

    [Fact]
    public async Task The_extension_and_cohort_functions_refuse_a_caller_without_an_advisor_key_and_never_run()
    {
        var functions = fixture.App.Function<AdvisorProgrammeFunctions>();
        var put = fixture.Request("PUT", "/api/programmes/extension", json: Extension("refused"));
        Assert.False(await fixture.InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), put,
            () => functions.PutProgrammeExtension(put.Request, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, put.Response.StatusCode);
        Assert.StartsWith("application/problem+json", put.Response.ContentType);

        var read = fixture.Request("GET", "/api/programmes/extension");
        Assert.False(await fixture.InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.ProgrammeExtension)), read,
            () => functions.ProgrammeExtension(read.Request, default)));
        var demand = fixture.Request("GET", "/api/reports/programmes");
        Assert.False(await fixture.InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.ProgrammeDemand)), demand,
            () => functions.ProgrammeDemand(demand.Request, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, demand.Response.StatusCode);
    }

    [Fact]
    public async Task An_advisor_extends_the_catalogue_through_the_function_and_anyone_reads_the_merged_catalogue()
    {
        var advisor = fixture.App.Function<AdvisorProgrammeFunctions>();
        var open = fixture.App.Function<ProgrammeFunctions>();
        var id = Unique.Programme("fa-test");
        try
        {
            var put = fixture.Request("PUT", "/api/programmes/extension", FunctionCalls.AdvisorKey, Extension(id));
            Assert.True(await fixture.InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), put,
                () => advisor.PutProgrammeExtension(put.Request, default)));
            Assert.Equal((int)HttpStatusCode.OK, put.Response.StatusCode);
            Assert.Equal(ProgrammeCatalogue.Bundled.Programmes.Count + 1, put.Body().GetProperty("programmes").GetInt32());

            var catalogue = fixture.Request("GET", "/api/programmes");
            Assert.True(await fixture.InvokeAsync(Method<ProgrammeFunctions>(nameof(ProgrammeFunctions.Programmes)), catalogue,
                () => open.Programmes(catalogue.Request, default)));
            Assert.Equal((int)HttpStatusCode.OK, catalogue.Response.StatusCode);
            Assert.Contains(id, catalogue.Body().GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

            var bad = fixture.Request("PUT", "/api/programmes/extension", FunctionCalls.AdvisorKey, Extension(id).Replace("\"SE-H\"", "\"SE-Q\""));
            await fixture.InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), bad,
                () => advisor.PutProgrammeExtension(bad.Request, default));
            Assert.Equal((int)HttpStatusCode.BadRequest, bad.Response.StatusCode);
            Assert.True(bad.Body().GetProperty("errors").TryGetProperty($"{id}.regions[0]", out _));
        }
        finally
        {
            var reset = fixture.Request("PUT", "/api/programmes/extension", FunctionCalls.AdvisorKey, """{"schemaVersion": 1, "programmes": []}""");
            await fixture.InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), reset,
                () => advisor.PutProgrammeExtension(reset.Request, default));
        }
    }
}
