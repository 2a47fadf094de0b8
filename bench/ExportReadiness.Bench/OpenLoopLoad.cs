using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ExportReadiness.Storage;
using ExportReadiness.Testing;

/// <summary>
/// Open-loop load on <c>POST /api/assessments</c>: requests leave at a fixed rate whatever the answers do (as
/// independent SMEs would), each with a 10-s client timeout. The app runs as its own process (the built local
/// host, as <c>scripts/run-local</c> starts it) against its own Azurite, so the CPU each of them uses is measured
/// apart. After each rate the driver waits for the queue to drain (and the Pending sweeper to pass) and counts
/// what storage holds: rows stored, scored, still Pending, and rows stored whose client never got a 202.
/// </summary>
internal static class OpenLoopLoad
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(int seconds, IReadOnlyList<int> rates, IReadOnlyDictionary<string, string> appSettings)
    {
        await using var azurite = new Azurite();
        await azurite.StartAsync();
        var port = Azurite.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var app = StartApp(azurite.ConnectionString, baseAddress, appSettings);
        try
        {
            return await RunAgainstAsync(app, azurite, baseAddress, seconds, rates, appSettings);
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }
    }

    private static async Task<int> RunAgainstAsync(Process app, Azurite azurite, Uri baseAddress, int seconds, IReadOnlyList<int> rates, IReadOnlyDictionary<string, string> appSettings)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await WaitUntilReadyAsync(client, app);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {seconds} s per rate; app {app.StartInfo.ArgumentList[0]} (pid {app.Id}), Azurite pid {azurite.ProcessId}");
        foreach (var setting in appSettings) Console.WriteLine($"  {setting.Key}={setting.Value}");

        var storage = new StorageClients(azurite.ConnectionString);
        var table = storage.Table(StorageNames.AssessmentsTable);
        var queue = storage.Queue(StorageNames.ScoringQueue);

        await SendAsync(client, rate: 20, TimeSpan.FromSeconds(3), "warmup"); // JIT, connections, pools
        await DrainAsync(queue, table, "warmup", TimeSpan.FromSeconds(60));

        var rows = new List<string>();
        foreach (var rate in rates)
        {
            var programme = $"load{rate}";
            var cpuBefore = (App: CpuTime(app.Id), Azurite: CpuTime(azurite.ProcessId));
            var sending = Stopwatch.StartNew();
            var results = await SendAsync(client, rate, TimeSpan.FromSeconds(seconds), programme);
            var window = sending.Elapsed;
            var cpu = (App: CpuTime(app.Id) - cpuBefore.App, Azurite: CpuTime(azurite.ProcessId) - cpuBefore.Azurite);
            var (stored, scored, pending, drained) = await DrainAsync(queue, table, programme, TimeSpan.FromSeconds(120));

            var accepted = results.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
            var shed = results.Count(r => r.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable);
            var timedOut = results.Count(r => r.Status is null);
            var other = results.Count - accepted.Count - shed - timedOut;
            rows.Add(string.Join(" | ", [
                $"| {rate}/s", $"{results.Count}", $"{accepted.Count / window.TotalSeconds:F0}/s", $"{accepted.Count}", $"{shed}", $"{timedOut}", $"{other}",
                Percentile(accepted, 0.50), Percentile(accepted, 0.95), Percentile(accepted, 0.99), Percentile(results.Where(r => r.Status is not null).ToList(), 0.99),
                $"{stored}", $"{scored}", $"{stored - accepted.Count}", $"{pending}", $"{(drained is { } d ? $"{d.TotalSeconds:F0} s" : "not drained")}",
                $"{cpu.App.TotalSeconds / window.TotalSeconds:P0}", $"{cpu.Azurite.TotalSeconds / window.TotalSeconds:P0} |"]));
            Console.WriteLine(rows[^1]);
            if (Environment.GetEnvironmentVariable("BENCH_TIMELINE") is "1")
                foreach (var second in results.GroupBy(r => r.AnsweredAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).OrderBy(g => g.Key))
                    Console.WriteLine($"  {second.Key} 202:{second.Count(r => r.Status == HttpStatusCode.Accepted)} shed:{second.Count(r => r.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)} timeout:{second.Count(r => r.Status is null)}");
        }

        Console.WriteLine();
        Console.WriteLine("| offered | sent | 202/s | 202 | 429/503 | timed out (10 s) | other | p50 202 | p95 202 | p99 202 | p99 answered | rows stored | scored | stored without a 202 | Pending after drain | drain | app CPU | Azurite CPU |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine("CPU is a share of one core over the sending window (200 % = both cores).");
        return 0;
    }

    private sealed record Result(HttpStatusCode? Status, TimeSpan Latency, DateTime AnsweredAt);

    /// <summary>Fires one request every 1/rate seconds for the duration; never waits for an answer to send the next.</summary>
    private static async Task<List<Result>> SendAsync(HttpClient client, int rate, TimeSpan duration, string programme)
    {
        var body = AssessmentBuilder.Mixed().InProgramme(programme).ToJsonString();
        var count = (int)(rate * duration.TotalSeconds);
        var tasks = new List<Task<Result>>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            tasks.Add(Task.Run(() => PostAsync(client, body)));
        }
        return (await Task.WhenAll(tasks)).ToList();
    }

    private static async Task<Result> PostAsync(HttpClient client, string body)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(ClientTimeout);
        try
        {
            using var response = await client.PostAsync("/api/assessments", new StringContent(body, Encoding.UTF8, "application/json"), timeout.Token);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new Result(response.StatusCode, clock.Elapsed, DateTime.UtcNow);
        }
        catch (OperationCanceledException)
        {
            return new Result(null, clock.Elapsed, DateTime.UtcNow); // the client gave up, as a browser or script would
        }
        catch (HttpRequestException)
        {
            return new Result((HttpStatusCode)599, clock.Elapsed, DateTime.UtcNow);
        }
    }

    /// <summary>Waits until no row of the programme is Pending (or the limit passes), then counts its rows.</summary>
    private static async Task<(int Stored, int Scored, int Pending, TimeSpan? Drained)> DrainAsync(QueueClient queue, TableClient table, string programme, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = new List<string?>();
            await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{programme}'", select: ["Status"])) statuses.Add(row.GetString("Status"));
            var pending = statuses.Count(s => s == "Pending");
            if (pending == 0 || clock.Elapsed > limit)
                return (statuses.Count, statuses.Count(s => s == "Scored"), pending, pending == 0 ? clock.Elapsed : null);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static Process StartApp(string connectionString, Uri address, IReadOnlyDictionary<string, string> settings)
    {
        // BENCH_APP_DLL: another build of the local host (an earlier commit's), to measure before and after in one way.
        var dll = Environment.GetEnvironmentVariable("BENCH_APP_DLL")
            ?? Path.Combine(Azurite.RepositoryRoot(), "src", "ExportReadiness.LocalHost", "bin", "Release", "net10.0", "ExportReadiness.LocalHost.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the local host first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[StorageNames.ConnectionSetting] = connectionString;
        start.Environment["ExportReadiness__AdvisorApiKeys"] = "bench:bench-advisor-key-0123456789";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Open-loop load from one address stands for many SMEs: the per-client write limit would answer most with 429.
        start.Environment["ExportReadiness__AnonymousWrites__PermitLimit"] = "1000000";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.Ordinal)) Console.Error.WriteLine("app: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("app: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process app)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited at start with code {app.ExitCode}.");
            try
            {
                if ((await client.GetAsync("/api/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The app was not ready within 3 minutes.");
    }

    /// <summary>User + system CPU of a process from /proc (Linux), in clock ticks of 10 ms.</summary>
    private static TimeSpan CpuTime(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat")) return TimeSpan.Zero;
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string Percentile(List<Result> results, double p)
    {
        if (results.Count == 0) return "–";
        var ms = results.Select(r => r.Latency.TotalMilliseconds).Order().ToList();
        return ms[Math.Clamp((int)Math.Ceiling(ms.Count * p) - 1, 0, ms.Count - 1)].ToString("F0", CultureInfo.InvariantCulture) + " ms";
    }
}
