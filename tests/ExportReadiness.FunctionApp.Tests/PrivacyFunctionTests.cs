using System.Net;
using System.Reflection;
using System.Text.Json;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Privacy;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The Function App binds the GDPR handlers: the SME downloads and erases its product with its token, an advisor erases a product.</summary>
[Collection(FunctionAppCollection.Name)]
public class PrivacyFunctionTests(FunctionAppFixture fixture)
{
    private async Task<(int Status, string Body, DefaultHttpContext Http)> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function)
    {
        await fixture.InvokeAsync(definition, http, function);
        return (http.Response.StatusCode, await new StreamReader(http.Response.Body).ReadToEndAsync(), http);
    }

    private async Task<(Assessment Assessment, string Token)> StoredAsync()
    {
        var token = AccessToken.Create();
        var assessment = AssessmentBuilder.Mixed().InProgramme(Unique.Programme("fa-gdpr")).Named($"Funktion {Guid.NewGuid():N} AB").ToAssessment(accessTokenHash: AccessToken.Hash(token));
        await fixture.App.Services.GetRequiredService<IAssessmentStore>().AddAsync(assessment, default);
        return (assessment, token);
    }

    private DefaultHttpContext WithToken(string method, string path, string token)
    {
        var http = fixture.Request(method, path);
        http.Request.Headers[AssessmentHandlers.TokenHeader] = token;
        return http;
    }

    [Fact]
    public async Task The_sme_downloads_then_erases_its_product_and_a_replay_answers_the_same_record()
    {
        var (assessment, token) = await StoredAsync();
        var functions = fixture.App.Function<PrivacyFunctions>();
        var exportPath = $"/api/assessments/{assessment.Id}/export";

        var export = WithToken("GET", exportPath, token);
        var (exported, document, http) = await InvokeAsync(FunctionCalls.Method<PrivacyFunctions>(nameof(PrivacyFunctions.ExportProductData)), export,
            () => functions.ExportProductData(export.Request, assessment.Id, default));
        Assert.Equal((int)HttpStatusCode.OK, exported);
        Assert.StartsWith("attachment", http.Response.Headers.ContentDisposition.ToString());
        Assert.Contains(assessment.Company.Name, document);
        Assert.DoesNotContain(assessment.AccessTokenHash, document);

        string? first = null;
        for (var replay = 0; replay < 2; replay++)
        {
            var erase = WithToken("DELETE", $"/api/assessments/{assessment.Id}/product", token);
            var (erased, record, _) = await InvokeAsync(FunctionCalls.Method<PrivacyFunctions>(nameof(PrivacyFunctions.EraseOwnProduct)), erase,
                () => functions.EraseOwnProduct(erase.Request, assessment.Id, default));
            Assert.Equal((int)HttpStatusCode.OK, erased);
            Assert.Equal(1, JsonDocument.Parse(record).RootElement.GetProperty("removed").GetProperty(ErasedKinds.Assessments).GetInt32());
            Assert.Equal(first ?? record, record);
            first = record;
        }
        var after = WithToken("GET", exportPath, token);
        Assert.Equal((int)HttpStatusCode.NotFound, (await InvokeAsync(FunctionCalls.Method<PrivacyFunctions>(nameof(PrivacyFunctions.ExportProductData)), after,
            () => functions.ExportProductData(after.Request, assessment.Id, default))).Status);
    }

    [Fact]
    public async Task An_advisor_erases_a_product_and_nobody_else_can()
    {
        var (assessment, _) = await StoredAsync();
        var functions = fixture.App.Function<AdvisorErasureFunctions>();
        var method = FunctionCalls.Method<AdvisorErasureFunctions>(nameof(AdvisorErasureFunctions.EraseProduct));
        var path = $"/api/products/{assessment.Id}";

        var anonymous = fixture.Request("DELETE", path);
        Assert.Equal((int)HttpStatusCode.Unauthorized, (await InvokeAsync(method, anonymous, () => functions.EraseProduct(anonymous.Request, assessment.Id, default))).Status);
        var advisor = fixture.Request("DELETE", path, key: FunctionCalls.AdvisorKey);
        var (status, body, _) = await InvokeAsync(method, advisor, () => functions.EraseProduct(advisor.Request, assessment.Id, default));

        Assert.Equal((int)HttpStatusCode.OK, status);
        Assert.Equal(ErasureReasons.AdvisorRequest, JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString());
        Assert.Null(await fixture.App.Services.GetRequiredService<IAssessmentStore>().FindAsync(assessment.Id, default));
    }
}
