using System.Net;
using System.Reflection;
using System.Text.Json;
using ExportReadiness.Core.Programmes;
using ExportReadiness.FunctionApp.Functions;
using Microsoft.AspNetCore.Http;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The programme functions in the Function App: who may call them, and the catalogue and its extension end to end against Azurite.</summary>
[Collection(FunctionAppCollection.Name)]
public class ProgrammeFunctionTests(FunctionAppFixture fixture)
{
    private const string Key = "function-app-test-key-0123456789";

    private DefaultHttpContext Request(string method, string path, string? key = null, string? json = null) => fixture.Request(method, path, key, json);

    private static MethodInfo Method<T>(string name) => FunctionInvocations.Method<T>(name);

    private Task<bool> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function) => fixture.InvokeAsync(definition, http, function);

    private static JsonElement Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.Clone();
    }

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
        var put = Request("PUT", "/api/programmes/extension", json: Extension("refused"));
        Assert.False(await InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), put,
            () => functions.PutProgrammeExtension(put.Request, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, put.Response.StatusCode);
        Assert.StartsWith("application/problem+json", put.Response.ContentType);

        var read = Request("GET", "/api/programmes/extension");
        Assert.False(await InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.ProgrammeExtension)), read,
            () => functions.ProgrammeExtension(read.Request, default)));
        var demand = Request("GET", "/api/reports/programmes");
        Assert.False(await InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.ProgrammeDemand)), demand,
            () => functions.ProgrammeDemand(demand.Request, default)));
        Assert.Equal((int)HttpStatusCode.Unauthorized, demand.Response.StatusCode);
    }

    [Fact]
    public async Task An_advisor_extends_the_catalogue_through_the_function_and_anyone_reads_the_merged_catalogue()
    {
        var advisor = fixture.App.Function<AdvisorProgrammeFunctions>();
        var open = fixture.App.Function<ProgrammeFunctions>();
        var id = $"fa-test-{Guid.NewGuid():N}"[..16];
        try
        {
            var put = Request("PUT", "/api/programmes/extension", Key, Extension(id));
            Assert.True(await InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), put,
                () => advisor.PutProgrammeExtension(put.Request, default)));
            Assert.Equal((int)HttpStatusCode.OK, put.Response.StatusCode);
            Assert.Equal(ProgrammeCatalogue.Bundled.Programmes.Count + 1, Body(put).GetProperty("programmes").GetInt32());

            var catalogue = Request("GET", "/api/programmes");
            Assert.True(await InvokeAsync(Method<ProgrammeFunctions>(nameof(ProgrammeFunctions.Programmes)), catalogue,
                () => open.Programmes(catalogue.Request, default)));
            Assert.Equal((int)HttpStatusCode.OK, catalogue.Response.StatusCode);
            Assert.Contains(id, Body(catalogue).GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

            var bad = Request("PUT", "/api/programmes/extension", Key, Extension(id).Replace("\"SE-H\"", "\"SE-Q\""));
            await InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), bad,
                () => advisor.PutProgrammeExtension(bad.Request, default));
            Assert.Equal((int)HttpStatusCode.BadRequest, bad.Response.StatusCode);
            Assert.True(Body(bad).GetProperty("errors").TryGetProperty($"{id}.regions[0]", out _));
        }
        finally
        {
            var reset = Request("PUT", "/api/programmes/extension", Key, """{"schemaVersion": 1, "programmes": []}""");
            await InvokeAsync(Method<AdvisorProgrammeFunctions>(nameof(AdvisorProgrammeFunctions.PutProgrammeExtension)), reset,
                () => advisor.PutProgrammeExtension(reset.Request, default));
        }
    }
}
