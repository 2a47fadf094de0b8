using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ExportReadiness.LocalHost.Tests;

/// <summary>
/// A multipart upload the form reader cannot read (no boundary, a part without Content-Disposition, a body cut short,
/// a boundary never found, two files, an empty file, none) is the client's error: a 400 problem naming <c>file</c> on every
/// upload route, never a 500.
/// </summary>
[Collection(PipelineCollection.Name)]
public class MalformedMultipartTests(PipelineFixture pipeline)
{
    private const string Part = "Content-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\nContent-Type: text/csv\r\n\r\n";

    public static TheoryData<string, string, string> Uploads()
    {
        var data = new TheoryData<string, string, string>();
        var bodies = new (string ContentType, string Body)[]
        {
            ("multipart/form-data", "programme,company.name\r\nx,y\r\n"),
            ("multipart/form-data; boundary=b0", "--b0\r\nContent-Type: text/csv\r\n\r\na,b\r\n--b0--\r\n"),
            ("multipart/form-data; boundary=b0", "--b0\r\n" + Part + "a,b\r\n"),
            ("multipart/form-data; boundary=b0", "no boundary line here at all"),
            ("multipart/form-data; boundary=b0", "--b1\r\n" + Part + "a,b\r\n--b1--\r\n"),
            ("multipart/form-data; boundary=b0", "--b0\r\n" + Part + "a,b\r\n--b0\r\n" + Part + "c,d\r\n--b0--\r\n"), // two files
            ("multipart/form-data; boundary=b0", "--b0\r\n" + Part + "\r\n--b0--\r\n"), // an empty file
            ("multipart/form-data; boundary=b0", "--b0\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno file\r\n--b0--\r\n"), // no file at all
        };
        foreach (var route in new[] { "/api/batches?programme=fuzz", "/api/validation", "/api/outcome-sets" })
            foreach (var (contentType, body) in bodies)
                data.Add(route, contentType, body);
        return data;
    }

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_multipart_upload_that_cannot_be_read_is_a_400_naming_file(string route, string contentType, string body)
    {
        var client = pipeline.App.CreateAdvisorClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.PostAsync(route, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
    }
}
