using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ExportReadiness.Application.Access;
using ExportReadiness.Testing;

namespace ExportReadiness.LocalHost.Tests.Recovery;

/// <summary>
/// The built local host as a child process (<c>dotnet ExportReadiness.LocalHost.dll</c>, as scripts/run-local starts
/// it) against a test's Azurite: unlike the in-process app, it can be killed outright, mid-work.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LocalHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the process wrote, for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the app and waits until it answers its readiness probe (storage reachable).</summary>
    /// <param name="settings">More environment settings (<c>ExportReadiness__…</c>) for this process.</param>
    public static async Task<LocalHostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var project = Path.Combine(Azurite.RepositoryRoot(), "src", "ExportReadiness.LocalHost");
        // The local host built in this test run's configuration (Release in CI), beside its project as run-local uses it.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "ExportReadiness.LocalHost.dll");
        var baseAddress = new Uri($"http://127.0.0.1:{Azurite.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseAddress.ToString()])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["AzureWebJobsStorage"] = connectionString,
                ["ExportReadiness__AdvisorApiKeys"] = $"{ExportReadinessApplication.AdvisorName}:{ExportReadinessApplication.AdvisorKey}",
                ["ExportReadiness__Queue__MaxPollingInterval"] = "00:00:00.250",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var app = new LocalHostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept) _output.TryDequeue(out _);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The local host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The local host did not become ready:\n{Output}");
            await Task.Delay(100);
        }
    }

    public HttpClient CreateAdvisorClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(AdvisorKeys.Header, ExportReadinessApplication.AdvisorKey);
        return client;
    }

    /// <summary>kill -9: no shutdown, no message released, nothing flushed.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
