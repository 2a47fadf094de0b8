using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ExportReadiness.Testing;

/// <summary>
/// Real Azurite from the repository's node_modules (pinned in package.json), on free loopback ports,
/// in memory; killed on dispose. Used by the integration tests and the benchmark.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's documented, public development account key: not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private readonly string? _location;
    private int[] _ports = [];

    /// <summary>In memory, unless <paramref name="location"/> names a folder: then its data outlives a stop and restart.</summary>
    public Azurite(string? location = null) => _location = location;

    public string? Location => _location;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Azurite's node process, for a load driver that measures where CPU time goes.</summary>
    public int? ProcessId => _process is { HasExited: false } ? _process.Id : null;

    /// <summary>
    /// Starts Azurite on three free ports. A port found free can be taken by another process before Azurite binds
    /// it (many test hosts start at once): then Azurite exits, and it is started again on other ports.
    /// </summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnFreePortsAsync();
                return;
            }
            catch (Exception e) when (attempt < 3 && e is SocketException or InvalidOperationException { Data.Count: > 0 })
            {
                await DisposeAsync();
            }
        }
    }

    private async Task StartOnFreePortsAsync()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' in the repository root.");
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        await StartProcessAsync(azurite, root, blob, queue, table);
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevAccountKey + ";" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    /// <summary>
    /// An outage: Azurite is stopped as an operator would stop it (SIGTERM, so a persistent one saves its data). Its node
    /// process can linger for a minute or more after its three services said they closed (their data saved by then), so
    /// once they have said so, or after 15 s, it is killed.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process) return;
        _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _servicesClosed, 0);
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await Task.WhenAny(process.WaitForExitAsync(wait.Token), _closed.Task.WaitAsync(wait.Token));
        }
        catch (OperationCanceledException)
        {
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private TaskCompletionSource _closed = new();
    private int _servicesClosed;

    /// <summary>Azurite prints "… service successfully closed" for each of its three services as it stops.</summary>
    private void Watch(string? line)
    {
        if (line is not null && line.Contains("successfully closed", StringComparison.Ordinal) && Interlocked.Increment(ref _servicesClosed) == 3)
            _closed.TrySetResult();
    }

    /// <summary>Back on the same ports, so clients built with the connection string reach it again.</summary>
    public Task RestartAsync() =>
        StartProcessAsync(Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite"), RepositoryRoot(), _ports[0], _ports[1], _ports[2]);

    private async Task StartProcessAsync(string azurite, string root, int blob, int queue, int table)
    {
        _ports = [blob, queue, table];
        string[] persistence = _location is null ? ["--inMemoryPersistence"] : ["--location", _location];
        _process = Process.Start(new ProcessStartInfo(azurite,
            [.. persistence, "--skipApiVersionCheck", "--silent",
             "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
             "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
             "--tableHost", "127.0.0.1", "--tablePort", $"{table}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        })!;
        _process.OutputDataReceived += (_, e) => Watch(e.Data);
        _process.ErrorDataReceived += (_, e) => Watch(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var port in new[] { blob, queue, table }) await WaitForPortAsync(port);
        // Listening is not enough: the listener may be another process on a port Azurite lost the race for.
        await Task.Delay(300);
        if (_process.HasExited)
            throw new InvalidOperationException($"Azurite exited at start (code {_process.ExitCode}); a port was probably taken.") { Data = { ["retry"] = true } };
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        _process = null;
        return ValueTask.CompletedTask;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "ExportReadiness.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (package.json beside ExportReadiness.sln).");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(100);
            }
        }
    }
}
