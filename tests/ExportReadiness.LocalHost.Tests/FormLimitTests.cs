using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ExportReadiness.Application.Access;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// Every form body has limits of its own, whoever posts it: the body no larger than a JSON body (413), at most
/// <see cref="BoundedForm.MaxFields"/> fields of <see cref="BoundedForm.MaxFieldChars"/> characters (400 naming
/// <c>form</c>), read before antiforgery looks into it. A multipart upload's text fields are bounded as well.
/// </summary>
[Collection(PipelineCollection.Name)]
public class FormLimitTests(PipelineFixture pipeline)
{
    public static TheoryData<string> FormRoutes() => ["/advisor/login", "/advisor/logout", "/result/{id}/open", "/result/{id}/actions"];

    /// <summary>The route's path, with the browser holding what its form needs to be read at all (the result page's cookie).</summary>
    private async Task<string> RouteAsync(string route, AdvisorSessionClient browser)
    {
        if (!route.Contains("{id}", StringComparison.Ordinal)) return route;
        var accepted = await pipeline.App.CreateClient().SubmitAsync(AssessmentBuilder.Mixed().InProgramme(Unique.Programme("forms")));
        if (route.EndsWith("/actions", StringComparison.Ordinal)) await browser.OpenResultAsync(accepted.Id, accepted.AccessToken);
        return route.Replace("{id}", accepted.Id);
    }

    [Theory]
    [MemberData(nameof(FormRoutes))]
    public async Task A_form_body_past_the_limit_is_refused_with_413_before_anything_reads_it(string route)
    {
        using var browser = pipeline.App.CreateSessionClient();
        var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = new string('k', 200 * 1024) });

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, await RouteAsync(route, browser)) { Content = body });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(FormRoutes))]
    public async Task A_form_with_too_many_or_too_long_fields_is_a_400_naming_form(string route)
    {
        var tooMany = Enumerable.Range(0, BoundedForm.MaxFields + 1).ToDictionary(i => $"f{i}", _ => "x");
        var tooLong = new Dictionary<string, string> { [AdvisorAntiforgery.FormFieldName] = "x", ["title"] = new string('t', BoundedForm.MaxFieldChars + 1) };
        foreach (var fields in new[] { tooMany, tooLong })
        {
            using var browser = pipeline.App.CreateSessionClient();
            var path = await RouteAsync(route, browser);

            var response = await browser.PostFormAsync(path, fields);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.True(problem.GetProperty("errors").TryGetProperty(BoundedForm.Field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task A_multipart_upload_with_an_overlong_text_field_is_a_400_naming_file()
    {
        var form = new MultipartFormDataContent("b0")
        {
            { new StringContent(new string('x', BoundedForm.MaxFieldChars + 1)), "note" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(new BatchFileBuilder().Add(AssessmentBuilder.Mixed()).ToCsv())) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "rows.csv" },
        };

        var response = await pipeline.App.CreateAdvisorClient().PostAsync($"/api/batches?programme={Unique.Programme("forms")}", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(CsvUpload.File, out _));
    }
}
