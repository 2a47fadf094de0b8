using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;

namespace ExportReadiness.Functions.Tests.Deployment;

/// <summary>
/// Builds the deployment zip with scripts/publish and starts the packaged handler the way the Functions host
/// does (FUNCTIONS_CUSTOMHANDLER_PORT set), against its own Azurite: no standalone worker may run there.
/// </summary>
public class PublishedPackageTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private static readonly string Root = AzuriteFixture.RepositoryRoot();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task The_package_holds_the_host_files_and_its_handler_runs_as_the_host_starts_it()
    {
        await RunAsync("bash", "scripts/publish");
        var zipPath = Path.Combine(Root, "artifacts", "functionapp.zip");
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet();
            Assert.Contains("host.json", names);
            foreach (var function in new[] { "HttpApi", "ScoreAssessment", "IngestBatch", "NightlyRescore" })
                Assert.Contains($"{function}/function.json", names);
            var handler = zip.GetEntry("ExportReadiness.Functions")!;
            Assert.NotEqual(0, (handler.ExternalAttributes >> 16) & 0b001_001_001); // executable
            Assert.Contains(names, n => n.EndsWith("lib_lightgbm.so", StringComparison.Ordinal));
        }

        var port = Azurite.FreePort();
        var handlerPath = Path.Combine(Root, "artifacts", "functionapp", "ExportReadiness.Functions");
        var start = new ProcessStartInfo(handlerPath) { WorkingDirectory = Path.GetDirectoryName(handlerPath)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = _azurite.ConnectionString;
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAnswersAsync(client);
            var health = await WaitForModelAsync(client);
            Assert.Equal("Healthy", health);

            var accepted = await client.SubmitAsync(AssessmentBuilder.Mixed());
            await Task.Delay(3000);
            Assert.Equal(AssessmentStatus.Pending, (await client.GetAssessmentAsync(accepted.Id, accepted.AccessToken))!.Status);

            var invocation = await client.PostJsonAsync("/ScoreAssessment",
                JsonSerializer.Serialize(new { Data = new { message = JsonSerializer.Serialize(new { assessmentId = accepted.Id }) }, Metadata = new { DequeueCount = "1" } }));
            Assert.Equal(HttpStatusCode.OK, invocation.StatusCode);
            Assert.Equal(AssessmentStatus.Scored, (await client.GetAssessmentAsync(accepted.Id, accepted.AccessToken))!.Status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilAnswersAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30); // the host's own initialisation timeout
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "The handler did not answer GET / within 30 s.");
            await Task.Delay(200);
        }
    }

    private static async Task<string?> WaitForModelAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var health = JsonDocument.Parse(await client.GetStringAsync("/api/health")).RootElement.GetProperty("status").GetString();
            if (health == "Healthy" || DateTime.UtcNow > deadline) return health;
            await Task.Delay(500);
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed:\n{await output}\n{await error}");
    }
}
