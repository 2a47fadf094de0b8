using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using ExportReadiness.Testing;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>scripts/publish builds the zip that `az functionapp deploy` takes: what the Functions host needs to start the worker.</summary>
public class PublishedPackageTests
{
    private static readonly string Root = Azurite.RepositoryRoot();

    [Fact]
    public async Task The_package_holds_the_worker_its_function_metadata_and_the_host_settings()
    {
        await RunAsync("bash", "scripts/publish");

        using var zip = ZipFile.OpenRead(Path.Combine(Root, "artifacts", "functionapp.zip"));
        var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet();
        foreach (var file in new[] { "functions.metadata", "worker.config.json", "extensions.json", "host.json", "ExportReadiness.FunctionApp.dll", "ExportReadiness.FunctionApp.runtimeconfig.json" })
            Assert.Contains(file, names);
        Assert.DoesNotContain("local.settings.json", names);
        Assert.Contains("Microsoft.ML.StandardTrainers.dll", names); // the monotone logistic model's learner and transformer
        // The pages' and API's texts are read from their resource files at run time, in both languages.
        Assert.Contains("Resources/SharedTexts.resx", names);
        Assert.Contains("Resources/SharedTexts.en.resx", names);

        JsonElement Read(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            return JsonDocument.Parse(stream).RootElement.Clone();
        }
        var worker = Read("worker.config.json").GetProperty("description");
        Assert.Equal("dotnet", worker.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("ExportReadiness.FunctionApp.dll", worker.GetProperty("defaultWorkerPath").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(Root, "host.json")), new StreamReader(zip.GetEntry("host.json")!.Open()).ReadToEnd());
        var functions = Read("functions.metadata").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("ScoreAssessment", functions);
        Assert.Contains("NightlyRescore", functions);
        var extensions = Read("extensions.json").GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains(extensions, e => e!.Contains("Queue", StringComparison.OrdinalIgnoreCase) || e.Contains("Storage", StringComparison.OrdinalIgnoreCase));
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
