using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Assessments;
using ExportReadiness.Core.Assessments;
using ExportReadiness.FunctionApp.Functions;
using ExportReadiness.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>
/// The Function App's review function takes the message to the SME as the local host does, and its assessment function
/// gives the SME that message and never the internal note.
/// </summary>
[Collection(FunctionAppCollection.Name)]
public class ReviewFunctionTests(FunctionAppFixture fixture)
{
    /// <summary>The worker's authorization middleware, then the function, then its result written as the integration writes it.</summary>
    private async Task<JsonElement> InvokeAsync(MethodInfo definition, DefaultHttpContext http, Func<Task<IResult>> function)
    {
        await fixture.InvokeAsync(definition, http, function);
        Assert.Equal((int)HttpStatusCode.OK, http.Response.StatusCode);
        return http.Body();
    }

    private async Task<(Assessment Assessment, string Token)> StoredAsync()
    {
        var token = AccessToken.Create();
        var assessment = AssessmentBuilder.Mixed().InProgramme(Unique.Programme("fa-reviews")).ToAssessment(accessTokenHash: AccessToken.Hash(token));
        await fixture.App.Services.GetRequiredService<IAssessmentStore>().AddAsync(assessment, default);
        return (assessment, token);
    }

    [Fact]
    public async Task The_review_function_records_a_message_to_the_sme_that_the_smes_assessment_function_shows_without_the_note()
    {
        var (assessment, token) = await StoredAsync();
        var put = fixture.Request("PUT", $"/api/assessments/{assessment.Id}/review");
        put.Request.Headers[AdvisorKeys.Header] = FunctionCalls.AdvisorKey;
        put.Request.ContentType = "application/json";
        put.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new { verdict = "NotYet", note = "Internal: weak finance", messageToSme = "Work on your price list for Norway." })));

        var review = await InvokeAsync(typeof(AdvisorApiFunctions).GetMethod(nameof(AdvisorApiFunctions.PutReview))!, put,
            () => fixture.App.Function<AdvisorApiFunctions>().PutReview(put.Request, assessment.Id, default));

        Assert.Equal("Work on your price list for Norway.", review.GetProperty("current").GetProperty("messageToSme").GetString());
        Assert.Equal("Internal: weak finance", review.GetProperty("current").GetProperty("note").GetString());
        Assert.Equal("Karin Ek", review.GetProperty("current").GetProperty("advisor").GetString());

        var get = fixture.Request("GET", $"/api/assessments/{assessment.Id}");
        get.Request.Headers[AssessmentHandlers.TokenHeader] = token;
        var seen = await InvokeAsync(typeof(SmeFunctions).GetMethod(nameof(SmeFunctions.GetAssessment))!, get,
            () => fixture.App.Function<SmeFunctions>().GetAssessment(get.Request, assessment.Id, default));

        var message = Assert.Single(seen.GetProperty("advisorMessages").EnumerateArray());
        Assert.Equal("Work on your price list for Norway.", message.GetProperty("text").GetString());
        Assert.Equal("Karin Ek", message.GetProperty("advisor").GetString());
        Assert.DoesNotContain("weak finance", seen.GetRawText());
    }
}
