using System.Diagnostics;
using System.Text;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A programme of N scored products (every third strong, half of them tourism) loaded through the batch path, as the
/// report and export benches seed it: upload one file, wait until every row is scored.
/// </summary>
internal static class ScoredProgramme
{
    /// <summary>Uploads the batch and waits for it; the ids of the programme's assessments, in storage order.</summary>
    public static async Task<List<string>> SeedAsync(BenchApplication app, HttpClient client, string programme, int products, TimeSpan limit)
    {
        var seeding = Stopwatch.StartNew();
        var csv = new BatchFileBuilder().AddMany(products, i =>
            (i % 3 == 0 ? AssessmentBuilder.Strong() : AssessmentBuilder.Mixed()).InSector(i % 2 == 0 ? "tourism" : "manufacturing")
                .InProgramme(programme).Named($"Bench {i} AB")).ToCsv();
        var upload = await client.PostAsync($"/api/batches?programme={programme}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        upload.EnsureSuccessStatusCode();
        var store = app.Services.GetRequiredService<IAssessmentStore>();
        // The kept tallies say how many are scored without reading the rows.
        while ((await store.TalliesAsync(programme, CancellationToken.None)).Sum(c => c.Tally.Scored) < products)
        {
            if (seeding.Elapsed > limit) throw new TimeoutException($"Not all scored after {limit.TotalMinutes:F0} minutes.");
            await Task.Delay(500);
        }
        var ids = new List<string>();
        await foreach (var a in store.ScanAsync(new AssessmentQuery(Programme: programme), CancellationToken.None)) ids.Add(a.Id);
        return ids;
    }
}
