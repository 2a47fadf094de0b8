using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExportReadiness.Core.ActionPlans;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Funnel;
using ExportReadiness.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What an advisor waits for when exporting a large programme, and what the export costs the process: N scored products
/// through the batch path, a quarter of them moved through the funnel and a fifth given an action, then each CSV export
/// read several times, timing the first byte and the last, and sampling the process's working set meanwhile. An export
/// that streams starts at once and holds no more than a page; one that reads everything first does neither.
/// </summary>
internal static class ExportLatency
{
    private const string Programme = "bench-exports";

    public static async Task<int> RunAsync(int products, int runs)
    {
        await using var azurite = new Azurite();
        await azurite.StartAsync();
        await using var app = new BenchApplication(azurite.ConnectionString, BenchApplication.AdvisorKey, bulkQueueSettings: true);
        var model = await app.StartAndWaitForModelAsync();
        var client = app.CreateAdvisorClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        Console.WriteLine($"Model {model.Version}; {Environment.ProcessorCount} cores; {products:N0} products in one programme");

        var seeding = Stopwatch.StartNew();
        var ids = await ScoredProgramme.SeedAsync(app, client, Programme, products, TimeSpan.FromMinutes(30));
        Console.WriteLine($"Scored in {seeding.Elapsed.TotalSeconds:F0} s");

        // Moves and actions straight into their stores: what is measured is the export, not thousands of POSTs.
        var moves = app.Services.GetRequiredService<IStageMoveStore>();
        var plans = app.Services.GetRequiredService<IActionPlanStore>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        int moved = 0, actions = 0;
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, ct) =>
        {
            var (id, i) = item;
            string[] stages = (i % 12) switch { 0 or 1 => ["selected", "in-development", "export-ready"], 2 => ["selected", "in-development"], _ => [] };
            foreach (var (stage, n) in stages.Select((s, n) => (s, n)))
            {
                await moves.AddAsync(new StageMove(id, stage, day.AddDays(n - stages.Length), "", "Bench", DateTimeOffset.UtcNow), ct);
                Interlocked.Increment(ref moved);
            }
            if (i % 5 != 0) return;
            await plans.AddAsync(new PlannedAction($"bench-{i}", id, "mgmt_export_strategy", "management", "Write an export strategy", "Bench", day.AddDays(30),
                ActionStatus.Planned, DateTimeOffset.UtcNow, "Bench", id), ct);
            Interlocked.Increment(ref actions);
        });
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:F0} s: {ids.Count:N0} products, {moved:N0} stage moves, {actions:N0} actions");

        (string Label, string Path)[] exports =
        [
            ("portfolio.csv", $"/api/reports/portfolio.csv?programme={Programme}"),
            ("actions.csv", "/api/reports/actions.csv"),
            ("funnel.csv", $"/api/reports/funnel.csv?programme={Programme}"),
            ("destination.csv", $"/api/reports/destination.csv?programme={Programme}&sector=tourism"),
        ];
        Console.WriteLine();
        Console.WriteLine($"| export ({runs} times each, after one warm-up) | first byte, median | last byte, median | peak working set above the idle one | bytes |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (label, path) in exports)
        {
            await ReadAsync(client, path);
            var reads = new List<ExportRead>(runs);
            for (var r = 0; r < runs; r++) reads.Add(await ReadAsync(client, path));
            var firstByte = reads.Select(x => x.FirstByteMs).Order().ToList();
            var lastByte = reads.Select(x => x.LastByteMs).Order().ToList();
            Console.WriteLine($"| {label} | {firstByte[runs / 2]:F0} ms | {lastByte[runs / 2]:F0} ms | {reads.Max(x => x.PeakAboveIdleBytes) / 1048576.0:F0} MiB | {reads[0].Bytes:N0} |");
        }
        return 0;
    }

    private sealed record ExportRead(double FirstByteMs, double LastByteMs, long PeakAboveIdleBytes, long Bytes);

    /// <summary>One export read to its last byte, with the process's working set sampled every few milliseconds meanwhile.</summary>
    private static async Task<ExportRead> ReadAsync(HttpClient client, string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var idle = process.WorkingSet64;
        long peak = idle;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(5, done.Token); } catch (OperationCanceledException) { }
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var read = await body.ReadAsync(buffer);
        var firstByte = clock.Elapsed.TotalMilliseconds;
        long bytes = read;
        while (read > 0) bytes += read = await body.ReadAsync(buffer);
        var lastByte = clock.Elapsed.TotalMilliseconds;
        await done.CancelAsync();
        await sampler;
        return new ExportRead(firstByte, lastByte, peak - idle, bytes);
    }
}
