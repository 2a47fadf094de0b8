using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExportReadiness.Application.Reports;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Core.Reports;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// How long an advisor waits for the reports of one programme: N scored products (half tourism), a share of them moved
/// through the funnel and given an action, then each report and export read several times. Every report reads the whole
/// programme (and the funnel the whole stage table), so this is the figure that grows with a portfolio.
/// </summary>
internal static class ReportLatency
{
    private const string Programme = "bench-reports";

    public static async Task<int> RunAsync(int products, int runs)
    {
        await using var azurite = new Azurite();
        // BENCH_STORAGE (a connection string) seeds a storage account that outlives the run, so another build can read
        // the very same rows: how reports before and after a change compare at a size an old build cannot seed in time.
        var external = Environment.GetEnvironmentVariable("BENCH_STORAGE");
        if (external is null) await azurite.StartAsync();
        await using var app = new BenchApplication(external ?? azurite.ConnectionString, BenchApplication.AdvisorKey, bulkQueueSettings: true);
        var model = await app.StartAndWaitForModelAsync();
        var client = app.CreateAdvisorClient();
        Console.WriteLine($"Model {model.Version}; {Environment.ProcessorCount} cores; {products:N0} products in one programme");

        var seeding = Stopwatch.StartNew();
        var ids = await ScoredProgramme.SeedAsync(app, client, Programme, products, TimeSpan.FromMinutes(40));
        var scoredAt = seeding.Elapsed;

        // PEGIN's proportions, roughly: a quarter selected, most of those in development, two thirds of those export-ready.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        int moves = 0, actions = 0;
        // Moves and plans for the first 2,400 products only: a national portfolio is seeded by batch, and the reports'
        // cost does not depend on how many products moved.
        foreach (var (id, i) in ids.Take(2400).Select((id, i) => (id, i)))
        {
            string[] stages = (i % 12) switch { 0 or 1 => ["selected", "in-development", "export-ready"], 2 => ["selected", "in-development"], _ => [] };
            foreach (var stage in stages)
            {
                (await client.PostAsJsonAsync($"/api/products/{id}/stages", new { stage, date = today })).EnsureSuccessStatusCode();
                moves++;
            }
            if (i % 5 != 0) continue;
            var plan = await client.GetFromJsonAsync<JsonElement>($"/api/assessments/{id}/actions");
            if (plan.GetProperty("gaps").EnumerateArray().FirstOrDefault() is not { ValueKind: JsonValueKind.Object } gap) continue;
            (await client.PostAsJsonAsync($"/api/assessments/{id}/actions",
                new { gap = gap.GetProperty("questionId").GetString(), owner = "Bench", dueDate = "2027-06-30" })).EnsureSuccessStatusCode();
            actions++;
        }
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:F0} s ({scoredAt.TotalSeconds:F0} s to upload and score every row by batch): {ids.Count:N0} products, {moves:N0} stage moves, {actions:N0} actions");

        (string Label, string Path)[] reports =
        [
            ("portfolio report (JSON, with funnel)", $"/api/reports/portfolio?programme={Programme}"),
            ("portfolio CSV export", $"/api/reports/portfolio.csv?programme={Programme}"),
            ("funnel by cohort (JSON)", $"/api/reports/funnel?programme={Programme}"),
            ("funnel CSV", $"/api/reports/funnel.csv?programme={Programme}"),
            ("destination report, tourism", $"/api/reports/destination?programme={Programme}&sector=tourism"),
            ("destination, tourism vs manufacturing", $"/api/reports/destination?programme={Programme}&sector=tourism&compareSector=manufacturing"),
            ("destination, tourism today vs a year ago (not yet reconciled: a scan)", YearAgo),
            ("programmes the cohort calls for", $"/api/reports/programmes?programme={Programme}"),
            ("action plans CSV (every product)", "/api/reports/actions.csv"),
            ("advisor dashboard page", $"/advisor?programme={Programme}"),
        ];
        Console.WriteLine();
        Console.WriteLine($"| read ({runs} times each, after one warm-up) | median | max | first byte (median) | bytes |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (label, path) in reports) await TimeAsync(client, label, path, runs);

        // The nightly reconcile reads every row and writes the days earlier reports read. Every row here was submitted
        // today, so it writes none: a year of days (each day's cells the programme's tallies, synthetic) shows their cost.
        var reconcile = Stopwatch.StartNew();
        await app.Services.GetRequiredService<ReportReconciler>().RunAsync(CancellationToken.None);
        Console.WriteLine($"| nightly reconcile (every row read, tallies compared, days written) | {reconcile.Elapsed.TotalMilliseconds:F0} ms | | | |");
        await TimeAsync(client, "destination, tourism today vs a year ago (reconciled: kept days)", YearAgo, runs);
        var store = app.Services.GetRequiredService<IAssessmentStore>();
        var cells = new TallyCells();
        foreach (var cell in await store.TalliesAsync(Programme, CancellationToken.None)) cells[cell.Sector, cell.Region].Destination.Add(cell.Tally.Destination);
        var utcToday = DateOnly.FromDateTime(DateTime.UtcNow);
        await store.ReplaceDatedDestinationsAsync(new DatedDestinations(Programme,
            Enumerable.Range(1, 365).Select(d => (utcToday.AddDays(-d), cells)).OrderBy(d => d.Item1).ToList(), utcToday, DateTimeOffset.UtcNow), CancellationToken.None);
        await TimeAsync(client, "destination, tourism today vs 30 days ago (365 kept days)",
            $"/api/reports/destination?programme={Programme}&sector=tourism&compareAsOf={utcToday.AddDays(-30):yyyy-MM-dd}", runs);

        // The sweeper's cost per run, with every row scored: it reads the pending index, not the assessments.
        var sweeper = app.Services.GetRequiredService<PendingSweeper>();
        var sweeps = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            await sweeper.RunAsync(CancellationToken.None);
            sweeps.Add(clock.Elapsed.TotalMilliseconds);
        }
        sweeps.Sort();
        Console.WriteLine($"| pending sweep (every row scored) | {sweeps[sweeps.Count / 2]:F0} ms | {sweeps[^1]:F0} ms | | |");
        return 0;
    }

    private static string YearAgo => $"/api/reports/destination?programme={Programme}&sector=tourism&compareAsOf={DateTime.UtcNow.AddYears(-1):yyyy-MM-dd}";

    private static async Task TimeAsync(HttpClient client, string label, string path, int runs)
    {
        var bytes = (await client.GetByteArrayAsync(path)).Length;
        var (firstByte, times) = await TimedReads.FirstByteAndTotalAsync(client, path, runs);
        Console.WriteLine($"| {label} | {times[times.Count / 2]:F0} ms | {times[^1]:F0} ms | {firstByte[firstByte.Count / 2]:F0} ms | {bytes:N0} |");
    }
}
