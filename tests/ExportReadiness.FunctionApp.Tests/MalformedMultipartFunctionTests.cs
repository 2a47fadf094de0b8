using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Access;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>The Function App's upload functions answer a multipart body the form reader cannot read (or that holds two files, or an empty one) with a 400 naming <c>file</c>, as the local host does.</summary>
[Collection(FunctionAppCollection.Name)]
public class MalformedMultipartFunctionTests(FunctionAppFixture fixture)
{
    private const string Part = "Content-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\nContent-Type: text/csv\r\n\r\n";

    [Theory]
    [InlineData("/api/batches?programme=fuzz", "multipart/form-data", "programme,company.name\r\nx,y\r\n")]
    [InlineData("/api/validation", "multipart/form-data; boundary=b0", "--b0\r\nContent-Type: text/csv\r\n\r\na,b\r\n--b0--\r\n")]
    [InlineData("/api/outcome-sets", "multipart/form-data; boundary=b0", "no boundary line here at all")]
    [InlineData("/api/batches?programme=fuzz", "multipart/form-data; boundary=b0", "--b0\r\n" + Part + "a,b\r\n")]
    [InlineData("/api/validation", "multipart/form-data; boundary=b0", "--b1\r\n" + Part + "a,b\r\n--b1--\r\n")]
    [InlineData("/api/validation", "multipart/form-data; boundary=b0", "--b0\r\n" + Part + "a,b\r\n--b0\r\n" + Part + "c,d\r\n--b0--\r\n")]
    [InlineData("/api/batches?programme=fuzz", "multipart/form-data; boundary=b0", "--b0\r\n" + Part + "\r\n--b0--\r\n")]
    public async Task An_unreadable_multipart_upload_is_a_400_naming_file(string route, string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var answer = await new FunctionAppBrowser(fixture).SendAsync("POST", route, content, new Dictionary<string, string> { [AdvisorKeys.Header] = FunctionCalls.AdvisorKey });

        Assert.Equal(400, answer.Response.StatusCode);
        var problem = JsonDocument.Parse(FunctionAppBrowser.Body(answer)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
    }
}
