using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ExportReadiness.Core.Assessments;
using ExportReadiness.Core.Batches;
using ExportReadiness.Core.Questionnaire;
using ExportReadiness.Core.Training;
using ExportReadiness.Storage;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The batch path as an advisor drives it: a file uploaded, then polled until every row is scored.</summary>
internal static class BatchPath
{
    /// <summary>Uploads the file and waits until its rows are Scored: the batch's id, and the time to upload, to Ingested and to all Scored.</summary>
    public static async Task<(string BatchId, TimeSpan Uploaded, TimeSpan Ingested, TimeSpan Scored)> RunAsync(BenchApplication app, HttpClient client, string file, int assessments)
    {
        var store = app.Services.GetRequiredService<IAssessmentStore>();
        var batches = app.Services.GetRequiredService<IBatchStore>();
        var total = Stopwatch.StartNew();
        var upload = await client.PostAsync("/api/batches?programme=bench", new StringContent(file, Encoding.UTF8, "text/csv"));
        var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var uploadedAt = total.Elapsed;
        TimeSpan? ingestedAt = null;
        while (true)
        {
            await Task.Delay(250);
            if (ingestedAt is null)
            {
                // The batch's record, read from its store: GET /api/batches/{id} also counts the rows scored so far, a
                // query the observer would add to the load it measures four times a second.
                if ((await batches.GetAsync(id, CancellationToken.None))?.Status == BatchStatus.Ingested) ingestedAt = total.Elapsed;
                continue;
            }
            // Counting scans the table: only once the scoring queue is empty, not on every tick.
            if ((await app.Services.GetRequiredService<StorageClients>().Queue(StorageNames.ScoringQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0) continue;
            var scored = await store.CountAsync(new(Status: AssessmentStatus.Scored, BatchId: id), CancellationToken.None);
            if (scored >= assessments) return (id, uploadedAt, ingestedAt.Value, total.Elapsed);
            if (total.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"Only {scored} scored after 15 minutes.");
        }
    }

    /// <summary>
    /// What an advisor's poll of a scored batch costs: <c>GET /api/batches/{id}</c> (the kept count, a query per programme)
    /// against counting the batch's Scored rows as the status did before (a key-range query paged by 1,000), medians of 9.
    /// </summary>
    public static async Task<string> StatusReadsAsync(BenchApplication app, HttpClient client, string batchId)
    {
        var store = app.Services.GetRequiredService<IAssessmentStore>();
        var (api, counted) = (new List<double>(), new List<double>());
        var scored = 0;
        for (var i = 0; i < 9; i++)
        {
            var sw = Stopwatch.StartNew();
            var view = JsonDocument.Parse(await client.GetStringAsync($"/api/batches/{batchId}")).RootElement;
            api.Add(sw.Elapsed.TotalMilliseconds);
            scored = view.GetProperty("scored").GetInt32();
            sw.Restart();
            await store.CountAsync(new(Programme: "bench", Status: AssessmentStatus.Scored, BatchId: batchId), CancellationToken.None);
            counted.Add(sw.Elapsed.TotalMilliseconds);
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        return $"batch status at {scored:N0} scored rows: GET /api/batches/{{id}} {Median(api):F1} ms (kept count); counting the rows as before {Median(counted):F1} ms";
    }

    /// <summary>The rows as one batch file of programme <c>bench</c>, required questions a synthetic row left blank filled at their lowest.</summary>
    public static string Csv(QuestionnaireSchema schema, IReadOnlyList<LabelledAssessment> rows)
    {
        var header = new AssessmentCsv(schema, new SubmissionValidator(schema)).Header;
        var csv = new StringBuilder(string.Join(',', header)).Append("\r\n");
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            var c = row.Company;
            var cells = new Dictionary<string, string>
            {
                ["programme"] = "bench", ["companyName"] = $"Bench {i} AB", ["sector"] = c.Sector,
                ["employees"] = c.Employees.ToString(CultureInfo.InvariantCulture), ["turnoverSek"] = c.TurnoverSek.ToString(CultureInfo.InvariantCulture),
                ["yearFounded"] = c.YearFounded.ToString(CultureInfo.InvariantCulture), ["region"] = c.Region,
                ["exportSharePercent"] = c.ExportSharePercent.ToString(CultureInfo.InvariantCulture), ["productName"] = $"Product {i}",
            };
            foreach (var (id, answer) in row.Answers) cells[id] = answer.ToString();
            // A synthetic row leaves optional questions blank and may leave required ones blank too; fill those at the bottom.
            foreach (var q in schema.Questions.Where(q => q.Required && q.AppliesToSector(c.Sector) && !cells.ContainsKey(q.Id)))
                cells[q.Id] = q.Type switch { QuestionType.Choice => q.Options!.MinBy(o => o.Points)!.Value, QuestionType.YesNo => "false", _ => q.Min!.Value.ToString(CultureInfo.InvariantCulture) };
            csv.Append(string.Join(',', header.Select(h => cells.GetValueOrDefault(h, "")))).Append("\r\n");
        }
        return csv.ToString();
    }
}
